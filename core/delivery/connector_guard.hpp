#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/base/problem.hpp"
#include "core/config/connector_limits.hpp"
#include "core/delivery/circuit_breaker.hpp"
#include "core/delivery/token_bucket.hpp"
#include "core/metrics/counter.hpp"

namespace lienthong::delivery {

/// Whether a failed call was refused by a guard (admit()) before anything was sent: the
/// guard's refusals are the only kUnavailable / kRateLimited problems without an upstream
/// answer (a far side's own 503 or 429 is kUpstreamError with its status). A refused attempt
/// of a queued message is handed back to the queue without counting as an attempt.
bool refused_by_guard(const Problem& problem);

/// The circuit breaker and the rate limit of one connector, for calls made now (sync calls and
/// queued messages alike):
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
  /// Feeds the breaker when the problem counts_as_outage() (classify.hpp); else it counts as
  /// an answer.
  void failed(const Problem& problem);
  /// The admitted call ended without an outcome (cancelled).
  void abandoned();

  /// How long admit() would refuse from now, without taking a probe or a token: the longer of
  /// the circuit's refusal and the wait for a token. Nothing when a call may go now. The
  /// delivery loop pauses the connector's queue for so long instead of claiming messages that
  /// would only be refused.
  [[nodiscard]] std::optional<std::chrono::milliseconds> refusing_for() const;

  [[nodiscard]] const CircuitBreaker* breaker() const { return breaker_.get(); }
  [[nodiscard]] const std::string& connector() const { return connector_; }

 private:
  std::string connector_;
  std::unique_ptr<CircuitBreaker> breaker_;  ///< none when the circuit is disabled
  std::unique_ptr<TokenBucket> bucket_;      ///< none without a rate limit
  /// admit()'s refusals in `lienthong_guard_refusals_total{connector, reason}`.
  metrics::Counter& refused_circuit_;
  metrics::Counter& refused_rate_;
};

}  // namespace lienthong::delivery
