#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "core/http/types.hpp"

namespace lienthong::sandbox {

/// What one mock received, newest last, for testers (`GET /_sandbox/requests`). Bounded: the
/// oldest entries fall off. Credentials never reach it: `Authorization` values and the
/// `password` member of a JSON body are replaced by `***`. Also counts the deliveries the mock
/// recognised as repeats of an earlier message id. Thread-safe.
class RequestLog {
 public:
  static constexpr std::size_t kDefaultCapacity = 500;
  /// Bodies longer than this are cut (and flagged) so a few large uploads cannot eat memory.
  static constexpr std::size_t kMaxBodyBytes = std::size_t{64} * 1024;

  explicit RequestLog(std::size_t capacity = kDefaultCapacity);

  void record(const http::Request& request,
              std::chrono::system_clock::time_point at = std::chrono::system_clock::now());
  /// `[{"at","method","target","headers":{...},"body"}, ...]`, oldest first.
  [[nodiscard]] nlohmann::json to_json() const;
  /// Clears the entries and the duplicate count.
  void clear();
  [[nodiscard]] std::size_t size() const;

  void note_duplicate();
  /// Repeated deliveries answered from memory since the last clear().
  [[nodiscard]] std::uint64_t duplicates() const;

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<nlohmann::json> entries_;
  std::uint64_t duplicates_ = 0;
};

/// ISO 8601 time in Asia/Ho_Chi_Minh with milliseconds: `2025-07-01T09:30:00.123+07:00`.
std::string format_vietnam_time(std::chrono::system_clock::time_point at);

}  // namespace lienthong::sandbox
