#include "core/delivery/retry_policy.hpp"

#include <algorithm>

namespace lienthong::delivery {

RetryPolicy::RetryPolicy(const config::RetryConfig& retry, int connector_timeout_ms)
    : max_attempts_(retry.max_attempts),
      initial_(retry.backoff_initial_ms),
      cap_(retry.backoff_max_ms),
      attempt_timeout_(retry.attempt_timeout_ms > 0 ? retry.attempt_timeout_ms
                                                    : connector_timeout_ms) {}

std::chrono::milliseconds RetryPolicy::ceiling(int attempt) const {
  // Doubling stops at the cap; the shift is bounded so it cannot overflow.
  const int doublings = std::clamp(attempt - 1, 0, 40);
  auto bound = initial_.count();
  for (int i = 0; i < doublings && bound < cap_.count(); ++i) bound *= 2;
  return std::chrono::milliseconds(std::min(bound, cap_.count()));
}

std::chrono::milliseconds RetryPolicy::delay(int attempt, std::optional<int> retry_after_seconds,
                                             std::mt19937_64& random) const {
  std::uniform_int_distribution<std::int64_t> pick(0, ceiling(attempt).count());
  std::chrono::milliseconds wait(pick(random));
  if (retry_after_seconds && *retry_after_seconds > 0) {
    wait = std::max<std::chrono::milliseconds>(wait, std::chrono::seconds(*retry_after_seconds));
  }
  return wait;
}

}  // namespace lienthong::delivery
