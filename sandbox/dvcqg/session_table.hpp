#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace lienthong::sandbox::dvcqg {

/// The portal's login sessions: a random token per login, bound to the dstcode it was opened
/// for, valid for `ttl` (30 min by default). Thread-safe; the clock is injectable for tests.
class SessionTable {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit SessionTable(std::chrono::seconds ttl = std::chrono::minutes(30), Clock clock = {});

  std::string open(std::string_view dstcode);
  /// True when `token` is a live session opened for `dstcode`. Expired ones are forgotten.
  bool valid(std::string_view token, std::string_view dstcode);
  /// Ends a session at once (the `session-expired` fault).
  void expire(std::string_view token);

 private:
  struct Session {
    std::string dstcode;
    std::chrono::steady_clock::time_point expires;
  };

  std::chrono::seconds ttl_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Session, std::less<>> sessions_;
};

}  // namespace lienthong::sandbox::dvcqg
