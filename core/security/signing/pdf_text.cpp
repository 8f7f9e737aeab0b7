#include "core/security/signing/pdf_text.hpp"

#include <cstdint>
#include <cstdio>
#include <ctime>

namespace lienthong::security::signing::pdf {

namespace {

// Decodes one UTF-8 sequence at `i`; advances `i`. nullopt for anything RFC 3629 forbids.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int length = 0;
  char32_t cp = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4;
    cp = b0 & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + static_cast<std::size_t>(length) > s.size()) return std::nullopt;
  for (int k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return std::nullopt;
  }
  i += static_cast<std::size_t>(length);
  return cp;
}

void put_unit(std::string& out, std::uint32_t unit) {
  out += static_cast<char>((unit >> 8) & 0xFF);
  out += static_cast<char>(unit & 0xFF);
}

}  // namespace

std::optional<std::string> encode_text_string(std::string_view text) {
  bool ascii = true;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) ascii = false;
  }
  if (ascii) return std::string(text);
  std::string out = "\xFE\xFF";
  for (std::size_t i = 0; i < text.size();) {
    const auto cp = next_code_point(text, i);
    if (!cp) return std::nullopt;
    if (*cp >= 0x10000) {
      const std::uint32_t v = *cp - 0x10000;
      put_unit(out, 0xD800 + (v >> 10));
      put_unit(out, 0xDC00 + (v & 0x3FF));
    } else {
      put_unit(out, *cp);
    }
  }
  return out;
}

std::string pdf_date(std::chrono::system_clock::time_point time) {
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d+00'00'", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace lienthong::security::signing::pdf
