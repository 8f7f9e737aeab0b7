#include "sandbox/dancu/name_match.hpp"

#include <cstdint>

namespace lienthong::sandbox::dancu {
namespace {

// Lower case of the letters Vietnamese names use; anything else is returned unchanged.
char32_t to_lower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;  // À..Þ (not ×)
  // Latin Extended-A pairs upper/lower on even/odd code points (Ă ă, Đ đ, Ĩ ĩ, Ũ ũ ...).
  if ((c >= 0x100 && c <= 0x12F) || (c >= 0x14A && c <= 0x177)) return c | 1;
  if (c == 0x1A0) return 0x1A1;  // Ơ
  if (c == 0x1AF) return 0x1B0;  // Ư
  // Latin Extended Additional: Ạ ạ .. Ỹ ỹ, again even/odd pairs.
  if ((c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF)) return c | 1;
  return c;
}

// Decodes one UTF-8 sequence at `text[i]`; returns its length, 0 when invalid.
std::size_t decode(std::string_view text, std::size_t i, char32_t& out) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  std::size_t length = b0 < 0x80           ? 1
                       : (b0 >> 5) == 0x6  ? 2
                       : (b0 >> 4) == 0xE  ? 3
                       : (b0 >> 3) == 0x1E ? 4
                                           : 0;
  if (length == 0 || i + length > text.size()) return 0;
  char32_t c = length == 1 ? b0 : b0 & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b >> 6) != 0x2) return 0;
    c = (c << 6) | (b & 0x3F);
  }
  out = c;
  return length;
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0xA0;
}

}  // namespace

std::string comparable_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < name.size();) {
    char32_t c = 0;
    const auto length = decode(name, i, c);
    if (length != 0 && is_space(c)) {
      pending_space = !out.empty();
      i += length;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (length == 0) {  // not UTF-8: keep the byte as it is
      out += name[i++];
      continue;
    }
    i += length;
    encode(to_lower(c), out);
  }
  return out;
}

bool same_name(std::string_view a, std::string_view b) {
  return comparable_name(a) == comparable_name(b);
}

}  // namespace lienthong::sandbox::dancu
