#pragma once

#include <chrono>
#include <mutex>

#include "core/delivery/circuit_breaker.hpp"

namespace lienthong::delivery {

struct RateOptions {
  double per_second = 1;  ///< tokens added per second
  int burst = 1;          ///< the bucket's size (and its content at start)
};

/// A token bucket for one connector's quota (README.md "Circuit breaker and rate limit").
/// Thread-safe; pure (no I/O, injected clock). Starts full.
class TokenBucket {
 public:
  explicit TokenBucket(RateOptions options, SteadyNow now = {});

  /// Takes one token when there is one.
  bool try_take();
  /// How long until try_take() can succeed (zero when it can now).
  [[nodiscard]] std::chrono::milliseconds time_until_available() const;

 private:
  void refill(SteadyClock::time_point now) const;

  RateOptions options_;
  SteadyNow now_;
  mutable std::mutex mutex_;
  mutable double tokens_;
  mutable SteadyClock::time_point last_;
};

}  // namespace lienthong::delivery
