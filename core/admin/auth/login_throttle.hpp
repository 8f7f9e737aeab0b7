#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/delivery/token_bucket.hpp"

namespace lienthong::admin::auth {

struct LoginThrottleOptions {
  int failures_per_address = 5;  ///< failed sign-ins from one address before it waits
  int failures_per_name = 10;  ///< failed sign-ins as one operator (from anywhere) before it waits
  std::chrono::seconds refill{60};  ///< one more try after each such period
  std::size_t max_keys = 10'000;    ///< addresses and names remembered at most
};

/// Slows password guessing at the admin listener: each failed sign-in takes a token from the
/// caller's address's bucket and from the operator name's bucket (delivery::TokenBucket, the
/// rate limit's own); while either is empty, sign-ins from there or as that name are refused
/// with the wait, right or wrong. A success takes nothing. Thread-safe.
class LoginThrottle {
 public:
  explicit LoginThrottle(LoginThrottleOptions options = {}, delivery::SteadyNow now = {});

  /// Zero when a sign-in from `address` as `name` may be tried now, else how long to wait.
  std::chrono::milliseconds wait(std::string_view address, std::string_view name);
  /// Records a failed sign-in.
  void failed(std::string_view address, std::string_view name);

 private:
  struct Key {
    std::unique_ptr<delivery::TokenBucket> bucket;
    delivery::SteadyClock::time_point last_failure{};
  };
  Key& key(const std::string& id, int burst);
  void forget_refilled(delivery::SteadyClock::time_point now);

  LoginThrottleOptions options_;
  delivery::SteadyNow now_;
  std::mutex mutex_;
  std::map<std::string, Key, std::less<>> keys_;
};

}  // namespace lienthong::admin::auth
