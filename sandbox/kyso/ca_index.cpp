#include "sandbox/kyso/ca_index.hpp"

#include <strings.h>

#include <array>
#include <cctype>

#include "core/security/certificates/certificates.hpp"

namespace lienthong::sandbox::kyso {
namespace {

std::optional<int> digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    const auto at = text.find(sep);
    out.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return out;
    text.remove_prefix(at + 1);
  }
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

config::ConfigError at_line(int line, std::string reason) {
  return config::ConfigError{"", line, "", std::move(reason)};
}

// One line already split in its six fields; the error is the reason only.
Result<CaIndexEntry, std::string> parse_entry(const std::vector<std::string_view>& f) {
  CaIndexEntry e;
  if (f[0] == "V") {
    e.status = IndexStatus::kValid;
  } else if (f[0] == "R") {
    e.status = IndexStatus::kRevoked;
  } else if (f[0] == "E") {
    e.status = IndexStatus::kExpired;
  } else {
    return std::string("status must be V, R or E, not \"") + std::string(f[0]) + "\"";
  }
  const auto expires = parse_index_time(f[1]);
  if (!expires) return std::string("expiry is not an ASN.1 UTCTime or GeneralizedTime");
  e.expires = *expires;

  if (e.status == IndexStatus::kRevoked) {
    const auto parts = split(f[2], ',');
    e.revoked_at = parse_index_time(parts[0]);
    if (!e.revoked_at) return std::string("revocation time is missing or not an ASN.1 time");
    if (parts.size() > 1) {
      e.reason = parse_index_reason(parts[1]);
      if (!e.reason) return "unknown revocation reason \"" + std::string(parts[1]) + "\"";
      // openssl ca writes an argument after these three (hold instruction, compromise time).
      const bool needs_arg = iequals(parts[1], "holdInstruction") || iequals(parts[1], "keyTime") ||
                             iequals(parts[1], "CAkeyTime");
      if (needs_arg && (parts.size() < 3 || parts[2].empty())) {
        return "revocation reason \"" + std::string(parts[1]) + "\" needs an argument";
      }
    }
  } else if (!f[2].empty()) {
    return std::string("a revocation field is only allowed when the status is R");
  }

  const auto serial = normalise_serial(f[3]);
  if (!serial) return std::string("serial is not hexadecimal");
  e.serial = *serial;
  e.subject = std::string(f[5]);
  return e;
}

}  // namespace

std::optional<std::string> normalise_serial(std::string_view hex) {
  if (hex.empty()) return std::nullopt;
  std::string out;
  for (char c : hex) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    if (out.empty() && c == '0') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out.empty() ? std::string("0") : out;
}

std::optional<std::time_t> parse_index_time(std::string_view text) {
  if (text.size() != 13 && text.size() != 15) return std::nullopt;
  if (text.back() != 'Z') return std::nullopt;
  const bool utc_time = text.size() == 13;
  const std::size_t y = utc_time ? 2 : 4;
  const auto year = digits(text.substr(0, y));
  const auto month = digits(text.substr(y, 2));
  const auto day = digits(text.substr(y + 2, 2));
  const auto hour = digits(text.substr(y + 4, 2));
  const auto minute = digits(text.substr(y + 6, 2));
  const auto second = digits(text.substr(y + 8, 2));
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 ||
      *second > 59) {
    return std::nullopt;
  }
  std::tm tm{};
  // RFC 5280 §4.1.2.5.1: a two-digit year 50..99 is 19YY, 00..49 is 20YY.
  tm.tm_year = (utc_time ? (*year >= 50 ? 1900 + *year : 2000 + *year) : *year) - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  const std::time_t t = ::timegm(&tm);
  if (tm.tm_mday != *day || tm.tm_mon != *month - 1) return std::nullopt;  // 31 April...
  return t;
}

std::optional<int> parse_index_reason(std::string_view word) {
  struct Reason {
    std::string_view word;
    int code;
  };
  // apps/ca.c's crl_reasons, then its pseudo reasons, then the two RFC 5280 codes it lacks.
  static constexpr std::array<Reason, 13> kReasons = {{
      {"unspecified", 0},
      {"keyCompromise", 1},
      {"CACompromise", 2},
      {"affiliationChanged", 3},
      {"superseded", 4},
      {"cessationOfOperation", 5},
      {"certificateHold", 6},
      {"removeFromCRL", 8},
      {"holdInstruction", 6},
      {"keyTime", 1},
      {"CAkeyTime", 2},
      {"privilegeWithdrawn", 9},
      {"aACompromise", 10},
  }};
  for (const auto& r : kReasons) {
    if (iequals(r.word, word)) return r.code;
  }
  return std::nullopt;
}

Result<std::vector<CaIndexEntry>, config::ConfigError> parse_ca_index(std::string_view text) {
  std::vector<CaIndexEntry> out;
  std::map<std::string, int, std::less<>> seen;  // serial -> line
  int line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto fields = split(line, '\t');
    if (fields.size() != 6) {
      return at_line(line_no,
                     "expected 6 tab-separated fields, found " + std::to_string(fields.size()));
    }
    auto entry = parse_entry(fields);
    if (!entry) return at_line(line_no, entry.error());
    const auto [it, fresh] = seen.emplace(entry->serial, line_no);
    if (!fresh) {
      return at_line(line_no, "serial " + entry->serial + " is already listed on line " +
                                  std::to_string(it->second));
    }
    out.push_back(std::move(entry).value());
  }
  return out;
}

Result<CaIndex, config::ConfigError> CaIndex::parse(std::string_view text) {
  auto entries = parse_ca_index(text);
  if (!entries) return std::move(entries).error();
  CaIndex index;
  for (auto& e : *entries) {
    std::string key = e.serial;
    index.entries_.emplace(std::move(key), std::move(e));
  }
  return index;
}

Result<CaIndex, config::ConfigError> CaIndex::load(const std::filesystem::path& file) {
  auto text = security::read_small_file(file, 64 * 1024 * 1024);
  if (!text) return std::move(text).error();
  auto index = parse(*text);
  if (!index) {
    auto error = std::move(index).error();
    error.file = file.string();
    return error;
  }
  return index;
}

const CaIndexEntry* CaIndex::find(std::string_view serial_hex) const {
  const auto serial = normalise_serial(serial_hex);
  if (!serial) return nullptr;
  const auto it = entries_.find(*serial);
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace lienthong::sandbox::kyso
