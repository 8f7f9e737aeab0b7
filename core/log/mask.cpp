#include "core/log/mask.hpp"

#include <cctype>

namespace lienthong::log {
namespace {

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// A UUID (8-4-4-4-12 hex) standing alone at `at`: message and correlation ids, which must stay
// readable in logs even when a group happens to be all digits.
bool uuid_at(std::string_view line, std::size_t at) {
  constexpr std::size_t kLength = 36;
  if (line.size() - at < kLength || (at > 0 && is_alnum(line[at - 1])) ||
      (line.size() > at + kLength && is_alnum(line[at + kLength]))) {
    return false;
  }
  for (std::size_t i = 0; i < kLength; ++i) {
    const char c = line[at + i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : std::isxdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// A hexadecimal token of at least 16 characters with a letter in it around [at, at+len): a
// certificate serial, a hash or a fingerprint. Its digit runs are not ID numbers (an ID stands
// alone: 12 or 9 digits), so it stays readable — an operator greps logs for serials.
bool inside_hex_token(std::string_view line, std::size_t at, std::size_t len) {
  std::size_t begin = at;
  while (begin > 0 && is_alnum(line[begin - 1])) --begin;
  std::size_t end = at + len;
  while (end < line.size() && is_alnum(line[end])) ++end;
  const auto token = line.substr(begin, end - begin);
  if (token.size() < 16) return false;
  bool letter = false;
  for (char c : token) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return false;
    letter = letter || std::isalpha(static_cast<unsigned char>(c)) != 0;
  }
  return letter;
}

}  // namespace

std::string mask_value(std::string_view value, std::size_t keep) {
  std::string out;
  out.reserve(value.size());
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < value.size();) {
    auto lead = static_cast<unsigned char>(value[i]);
    std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    if (code_points < keep) {
      out.append(value.substr(i, len));
    } else {
      out += '*';
    }
    ++code_points;
    i += len;
  }
  return out;
}

std::string mask_line(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  constexpr std::string_view kBearer = "Bearer ";
  std::size_t i = 0;
  while (i < line.size()) {
    if (line.substr(i, kBearer.size()) == kBearer) {
      out += kBearer;
      i += kBearer.size();
      std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '"' && line[i] != ',') ++i;
      out += mask_value(line.substr(start, i - start), 0);
      continue;
    }
    if (uuid_at(line, i)) {
      out.append(line.substr(i, 36));
      i += 36;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(line[i])) != 0) {
      std::size_t start = i;
      while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])) != 0) ++i;
      auto run = line.substr(start, i - start);
      // Message ids and timestamps are not digit-only runs of this length; IDs are.
      const bool id_like = run.size() >= 9 && !inside_hex_token(line, start, run.size());
      out += id_like ? mask_value(run) : std::string(run);
      continue;
    }
    out += line[i++];
  }
  return out;
}

}  // namespace lienthong::log
