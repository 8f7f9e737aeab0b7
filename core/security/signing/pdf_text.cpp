#include "core/security/signing/pdf_text.hpp"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "core/base/utf8.hpp"

namespace lienthong::security::signing::pdf {

namespace {

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
    const auto cp = decode_utf8(text, i);
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
