#include "core/mapping/filters/unicode.hpp"

#include <unordered_map>

#include "core/base/utf8.hpp"

namespace lienthong::mapping::detail {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one UTF-8 sequence at `text[i]`; advances `i`. Malformed bytes decode as U+FFFD.
char32_t decode(std::string_view text, std::size_t& i) {
  if (const auto cp = decode_utf8(text, i)) return *cp;
  ++i;
  return kReplacement;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct Fold {
  char base;
  std::string_view letters;  // UTF-8
};

// Every precomposed Vietnamese letter (and the Latin-1 accented letters) with its base letter.
constexpr Fold kFolds[] = {
    {'a', "àáảãạăằắẳẵặâầấẩẫậäåāą"},
    {'A', "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀĄ"},
    {'e', "èéẻẽẹêềếểễệëēę"},
    {'E', "ÈÉẺẼẸÊỀẾỂỄỆËĒĘ"},
    {'i', "ìíỉĩịîïī"},
    {'I', "ÌÍỈĨỊÎÏĪ"},
    {'o', "òóỏõọôồốổỗộơờớởỡợöøō"},
    {'O', "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌ"},
    {'u', "ùúủũụưừứửữựûüū"},
    {'U', "ÙÚỦŨỤƯỪỨỬỮỰÛÜŪ"},
    {'y', "ỳýỷỹỵÿ"},
    {'Y', "ỲÝỶỸỴ"},
    {'d', "đð"},
    {'D', "ĐÐ"},
    {'c', "ç"},
    {'C', "Ç"},
    {'n', "ñ"},
    {'N', "Ñ"},
    {' ', "\u00A0"},
};

const std::unordered_map<char32_t, char>& fold_table() {
  static const auto table = [] {
    std::unordered_map<char32_t, char> t;
    for (const auto& f : kFolds) {
      for (std::size_t i = 0; i < f.letters.size();) t.emplace(decode(f.letters, i), f.base);
    }
    return t;
  }();
  return table;
}

bool combining_mark(char32_t cp) {
  return cp >= 0x0300 && cp <= 0x036F;
}

// Pairs laid out upper-then-lower on even/odd code points.
bool even_odd_pair(char32_t cp) {
  return (cp >= 0x0100 && cp <= 0x012F) || (cp >= 0x0132 && cp <= 0x0137) ||
         (cp >= 0x014A && cp <= 0x0177) || (cp >= 0x1EA0 && cp <= 0x1EF9) || cp == 0x01A0 ||
         cp == 0x01A1;
}
// Pairs laid out upper-then-lower on odd/even code points.
bool odd_even_pair(char32_t cp) {
  return (cp >= 0x0139 && cp <= 0x0148) || (cp >= 0x0179 && cp <= 0x017E) || cp == 0x01AF ||
         cp == 0x01B0;
}

char32_t upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 0x20;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (even_odd_pair(cp) && cp % 2 == 1) return cp - 1;
  if (odd_even_pair(cp) && cp % 2 == 0) return cp - 1;
  return cp;
}

char32_t lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (even_odd_pair(cp) && cp % 2 == 0) return cp + 1;
  if (odd_even_pair(cp) && cp % 2 == 1) return cp + 1;
  return cp;
}

template <class F>
std::string map_code_points(std::string_view text, F f) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) encode(f(decode(text, i)), out);
  return out;
}

}  // namespace

std::string to_ascii(std::string_view utf8) {
  const auto& table = fold_table();
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = decode(utf8, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (combining_mark(cp)) {
      continue;
    } else if (auto it = table.find(cp); it != table.end()) {
      out += it->second;
    } else {
      out += '?';
    }
  }
  return out;
}

std::string to_upper(std::string_view utf8) {
  return map_code_points(utf8, upper);
}
std::string to_lower(std::string_view utf8) {
  return map_code_points(utf8, lower);
}

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (decode(text, i) == kReplacement) {
      // U+FFFD itself is legitimate; a malformed sequence consumes exactly one byte.
      if (i - start != 3) return false;
    }
  }
  return true;
}

}  // namespace lienthong::mapping::detail
