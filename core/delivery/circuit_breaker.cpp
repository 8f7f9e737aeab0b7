#include "core/delivery/circuit_breaker.hpp"

#include <algorithm>

namespace lienthong::delivery {

std::string_view to_string(CircuitState state) {
  switch (state) {
    case CircuitState::kClosed:
      return "closed";
    case CircuitState::kOpen:
      return "open";
    case CircuitState::kHalfOpen:
      return "half_open";
  }
  return "closed";
}

int CircuitDecision::retry_after_seconds() const {
  auto ms = std::max<std::int64_t>(retry_after.count(), 1);
  return static_cast<int>((ms + 999) / 1000);
}

CircuitBreaker::CircuitBreaker(CircuitOptions options, SteadyNow now)
    : options_(options), now_(now ? std::move(now) : SteadyNow([] { return SteadyClock::now(); })) {
  options_.failure_threshold = std::max(options_.failure_threshold, 1);
}

CircuitDecision CircuitBreaker::allow() {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case CircuitState::kClosed:
      return {true, false, {}};
    case CircuitState::kOpen: {
      auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now_() - opened_at_);
      if (waited < options_.open) return {false, false, options_.open - waited};
      state_ = CircuitState::kHalfOpen;
      probe_out_ = true;
      return {true, true, {}};
    }
    case CircuitState::kHalfOpen:
      if (!probe_out_) {
        probe_out_ = true;
        return {true, true, {}};
      }
      return {false, false, kProbeOutRetry};
  }
  return {true, false, {}};
}

void CircuitBreaker::record_success() {
  std::lock_guard lock(mutex_);
  // A late success of a call let through before the circuit opened proves less than a probe:
  // an open circuit waits for its probe.
  if (state_ == CircuitState::kOpen) return;
  state_ = CircuitState::kClosed;
  failures_ = 0;
  probe_out_ = false;
}

void CircuitBreaker::record_failure() {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case CircuitState::kClosed:
      if (++failures_ < options_.failure_threshold) return;
      break;
    case CircuitState::kHalfOpen:
      break;
    case CircuitState::kOpen:
      return;  // a late failure of a call from before: the open period stands
  }
  state_ = CircuitState::kOpen;
  opened_at_ = now_();
  probe_out_ = false;
  failures_ = 0;
}

void CircuitBreaker::release_probe() {
  std::lock_guard lock(mutex_);
  if (state_ == CircuitState::kHalfOpen) probe_out_ = false;
}

CircuitState CircuitBreaker::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::optional<std::chrono::milliseconds> CircuitBreaker::refusing_for() const {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case CircuitState::kClosed:
      return std::nullopt;
    case CircuitState::kOpen: {
      auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now_() - opened_at_);
      if (waited < options_.open) return options_.open - waited;
      return std::nullopt;  // the probe is due
    }
    case CircuitState::kHalfOpen:
      if (probe_out_) return kProbeOutRetry;
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace lienthong::delivery
