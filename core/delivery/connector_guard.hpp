#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/base/problem.hpp"
#include "core/config/connector_limits.hpp"
#include "core/delivery/circuit_breaker.hpp"
#include "core/delivery/token_bucket.hpp"

namespace lienthong::delivery {

/// Whether a failed call says the far side is down (it feeds the circuit breaker): a timeout,
/// a connection error (no HTTP status) or a 5xx. A refusal (4xx, a validation error, no such
/// record) is an answer from a living far side and does not count.
bool counts_as_outage(const Problem& problem);

/// The circuit breaker and the rate limit of one connector, for calls made now (sync calls):
/// admit() before the call, then exactly one of succeeded() / failed() / abandoned().
class ConnectorGuard {
 public:
  ConnectorGuard(std::string connector, const config::CircuitConfig& circuit,
                 const std::optional<config::RateLimitConfig>& rate_limit,
                 const SteadyNow& now = {});

  /// Nothing when the call may go; else 503 (circuit open) or 429 (quota used up), both with
  /// `retry_after_seconds`. Sync calls are refused, not queued: the caller keeps control of
  /// its own deadline, and asynchronous messages wait in the durable queue instead.
  [[nodiscard]] std::optional<Problem> admit();
  void succeeded();
  /// Feeds the breaker when the problem counts_as_outage(); else it counts as an answer.
  void failed(const Problem& problem);
  /// The admitted call ended without an outcome (cancelled).
  void abandoned();

  [[nodiscard]] const CircuitBreaker* breaker() const { return breaker_.get(); }

 private:
  std::string connector_;
  std::unique_ptr<CircuitBreaker> breaker_;  ///< none when the circuit is disabled
  std::unique_ptr<TokenBucket> bucket_;      ///< none without a rate limit
};

}  // namespace lienthong::delivery
