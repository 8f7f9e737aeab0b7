#pragma once

#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"

namespace lienthong::sandbox::kyso {

/// The first column of an `openssl ca` index line.
enum class IndexStatus { kValid, kRevoked, kExpired };

/// One certificate the CA issued, as the index file records it.
struct CaIndexEntry {
  IndexStatus status = IndexStatus::kValid;
  std::time_t expires = 0;
  std::optional<std::time_t> revoked_at;  ///< kRevoked only
  std::optional<int> reason;              ///< CRLReason code (RFC 5280), when the line gives one
  std::string serial;                     ///< normalised: upper-case hex, no leading zeros
  std::string subject;                    ///< `/C=VN/O=.../CN=...`, as written

  bool operator==(const CaIndexEntry&) const = default;
};

/// Upper-case hex without leading zeros ("0" for zero); nullopt when `hex` is not hex.
std::optional<std::string> normalise_serial(std::string_view hex);

/// An ASN.1 UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime (`YYYYMMDDHHMMSSZ`) as seconds.
std::optional<std::time_t> parse_index_time(std::string_view text);

/// CRLReason code for an `openssl ca` reason word ("keyCompromise", "CAkeyTime"...,
/// case-insensitive), as apps/ca.c writes them; nullopt for an unknown word.
std::optional<int> parse_index_reason(std::string_view word);

/// Parses the `openssl ca` database (TXT_DB, tab-separated): status `V|R|E`, expiry time,
/// revocation field (`time[,reason[,extra]]`, empty unless `R`), serial (hex), file name,
/// subject. Lines starting with '#' and blank lines are skipped. An error carries the line
/// (its `file` is left empty); a serial listed twice is an error.
Result<std::vector<CaIndexEntry>, config::ConfigError> parse_ca_index(std::string_view text);

/// The index, by serial number.
class CaIndex {
 public:
  static Result<CaIndex, config::ConfigError> parse(std::string_view text);
  /// Reads and parses `file`; errors name the file (and line).
  static Result<CaIndex, config::ConfigError> load(const std::filesystem::path& file);

  /// The entry for a serial in any hex spelling (case, leading zeros); null when not listed.
  [[nodiscard]] const CaIndexEntry* find(std::string_view serial_hex) const;
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, CaIndexEntry, std::less<>> entries_;
};

}  // namespace lienthong::sandbox::kyso
