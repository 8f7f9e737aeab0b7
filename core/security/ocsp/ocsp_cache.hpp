#pragma once

#include <cstddef>
#include <ctime>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/security/ocsp/ocsp_status.hpp"

namespace lienthong::security {

/// Verified OCSP answers by certificate (ocsp_cache_key(): issuer hashes + serial), each kept
/// until its nextUpdate. Bounded: when full, expired entries go first, then the entries that
/// expire soonest. Errors are never stored. Thread-safe.
class OcspCache {
 public:
  explicit OcspCache(std::size_t capacity = 4096) : capacity_(capacity) {}

  /// The answer for `key` while `now` is before its nextUpdate (marked from_cache).
  [[nodiscard]] std::optional<OcspAnswer> find(std::string_view key, std::time_t now) const;

  /// Keeps `answer` until its nextUpdate; answers without one (or already out of date) are not
  /// kept, nor anything when the capacity is 0.
  void store(const std::string& key, const OcspAnswer& answer, std::time_t now);

  void clear();
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] std::size_t capacity() const { return capacity_; }

 private:
  void make_room(std::time_t now);  // with mutex_ held

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, OcspAnswer> entries_;
};

}  // namespace lienthong::security
