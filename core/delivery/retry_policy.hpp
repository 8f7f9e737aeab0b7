#pragma once

#include <chrono>
#include <optional>
#include <random>

#include "core/config/hub_config.hpp"

namespace lienthong::delivery {

/// When a connector's failed message is tried again, and when it is given up (README.md).
/// Exponential backoff with full jitter: after the n-th failed attempt the wait is drawn
/// uniformly from [0, min(cap, initial * 2^(n-1))], so retries of many messages spread out
/// instead of hitting a recovering far side together.
class RetryPolicy {
 public:
  RetryPolicy() = default;
  RetryPolicy(const config::RetryConfig& retry, int connector_timeout_ms);

  /// The upper bound of the wait after `attempt` (1 = the first attempt) failed.
  [[nodiscard]] std::chrono::milliseconds ceiling(int attempt) const;
  /// The wait after `attempt` failed: full jitter, but never sooner than the far side's
  /// `Retry-After` (seconds) when it sent one.
  [[nodiscard]] std::chrono::milliseconds delay(int attempt, std::optional<int> retry_after_seconds,
                                                std::mt19937_64& random) const;
  /// True when `attempt` was the last one allowed.
  [[nodiscard]] bool exhausted(int attempt) const { return attempt >= max_attempts_; }
  [[nodiscard]] int max_attempts() const { return max_attempts_; }
  /// How long one attempt may take (the connector's timeout unless configured).
  [[nodiscard]] std::chrono::milliseconds attempt_timeout() const { return attempt_timeout_; }

 private:
  int max_attempts_ = 8;
  std::chrono::milliseconds initial_{500};
  std::chrono::milliseconds cap_{300'000};
  std::chrono::milliseconds attempt_timeout_{10'000};
};

}  // namespace lienthong::delivery
