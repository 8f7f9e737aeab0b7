#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>

namespace lienthong::delivery {

using SteadyClock = std::chrono::steady_clock;
/// The time the breaker and the bucket use; tests pass a fake one.
using SteadyNow = std::function<SteadyClock::time_point()>;

enum class CircuitState { kClosed, kOpen, kHalfOpen };
std::string_view to_string(CircuitState state);

struct CircuitOptions {
  int failure_threshold = 5;               ///< consecutive failures that open the circuit
  std::chrono::milliseconds open{30'000};  ///< how long it stays open before a probe
};

/// What allow() answers: go ahead (`probe` when this call is the one half-open probe), or
/// come back after `retry_after`.
struct CircuitDecision {
  bool allowed = false;
  bool probe = false;
  std::chrono::milliseconds retry_after{0};
  /// `retry_after` rounded up to whole seconds, at least 1 (for `Retry-After`).
  [[nodiscard]] int retry_after_seconds() const;
};

/// A circuit breaker for one connector (README.md "Circuit breaker and rate limit").
///
/// closed → open after `failure_threshold` consecutive failures → after `open` one probe is let
/// through (half-open; every other call is refused) → the probe's success closes the circuit,
/// its failure opens it again for another `open`. Thread-safe; pure (no I/O, injected clock).
class CircuitBreaker {
 public:
  /// What allow() answers while the probe is out: its answer comes within one call's timeout,
  /// not a whole open period, but a second is the smallest Retry-After there is.
  static constexpr std::chrono::milliseconds kProbeOutRetry{1'000};

  explicit CircuitBreaker(CircuitOptions options, SteadyNow now = {});

  /// Whether a call may go to the far side now. A granted probe must be ended with
  /// record_success(), record_failure() or release_probe().
  CircuitDecision allow();
  void record_success();
  void record_failure();
  /// Ends a granted probe without an outcome (the call was cancelled or not sent), so that
  /// the next call may probe instead.
  void release_probe();
  [[nodiscard]] CircuitState state() const;
  /// How long allow() would refuse from now, without taking a probe (state() says open even
  /// once the open period is over, until allow() turns it half-open): the rest of the open
  /// period, or a second while the probe is out. Nothing when a call (or the probe) may go now.
  /// The delivery loop pauses a connector's queue for so long.
  [[nodiscard]] std::optional<std::chrono::milliseconds> refusing_for() const;

 private:
  CircuitOptions options_;
  SteadyNow now_;
  mutable std::mutex mutex_;
  CircuitState state_ = CircuitState::kClosed;
  int failures_ = 0;
  SteadyClock::time_point opened_at_{};
  bool probe_out_ = false;
};

}  // namespace lienthong::delivery
