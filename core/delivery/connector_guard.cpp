#include "core/delivery/connector_guard.hpp"

#include <algorithm>

#include "core/delivery/classify.hpp"
#include "core/metrics/registry.hpp"

namespace lienthong::delivery {
namespace {

metrics::CounterFamily& refusals() {
  return metrics::global().counter(
      "lienthong_guard_refusals_total",
      "Calls the hub refused before sending them: circuit_open (the far side is failing) or "
      "rate_limited (the connector's quota is used up).",
      {"connector", "reason"});
}

}  // namespace

bool refused_by_guard(const Problem& problem) {
  return (problem.kind == ProblemKind::kUnavailable || problem.kind == ProblemKind::kRateLimited) &&
         !problem.upstream;
}

ConnectorGuard::ConnectorGuard(std::string connector, const config::CircuitConfig& circuit,
                               const std::optional<config::RateLimitConfig>& rate_limit,
                               const SteadyNow& now)
    : connector_(std::move(connector)),
      refused_circuit_(refusals().with({connector_, "circuit_open"})),
      refused_rate_(refusals().with({connector_, "rate_limited"})) {
  if (circuit.enabled) {
    breaker_ = std::make_unique<CircuitBreaker>(
        CircuitOptions{circuit.failure_threshold, std::chrono::milliseconds(circuit.open_ms)}, now);
  }
  if (rate_limit) {
    bucket_ = std::make_unique<TokenBucket>(
        RateOptions{static_cast<double>(rate_limit->per_second), rate_limit->burst}, now);
  }
}

std::optional<Problem> ConnectorGuard::admit() {
  bool probe = false;
  if (breaker_) {
    auto decision = breaker_->allow();
    if (!decision.allowed) {
      refused_circuit_.inc();
      Problem p = Problem::make(ProblemKind::kUnavailable,
                                connector_ + " is failing; the hub stopped calling it for now");
      p.retry_after_seconds = decision.retry_after_seconds();
      return p;
    }
    probe = decision.probe;
  }
  if (bucket_ && !bucket_->try_take()) {
    if (probe) breaker_->release_probe();
    refused_rate_.inc();
    Problem p = Problem::make(ProblemKind::kRateLimited,
                              "the hub's quota of calls to " + connector_ + " is used up");
    auto wait = bucket_->time_until_available();
    p.retry_after_seconds =
        static_cast<int>(std::max<std::int64_t>((wait.count() + 999) / 1000, 1));
    return p;
  }
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> ConnectorGuard::refusing_for() const {
  std::optional<std::chrono::milliseconds> wait;
  if (breaker_) wait = breaker_->refusing_for();
  if (bucket_) {
    auto tokens = bucket_->time_until_available();
    if (tokens.count() > 0) wait = std::max(wait.value_or(tokens), tokens);
  }
  return wait;
}

void ConnectorGuard::succeeded() {
  if (breaker_) breaker_->record_success();
}

void ConnectorGuard::failed(const Problem& problem) {
  if (!breaker_) return;
  if (counts_as_outage(problem)) {
    breaker_->record_failure();
  } else {
    breaker_->record_success();
  }
}

void ConnectorGuard::abandoned() {
  if (breaker_) breaker_->release_probe();
}

}  // namespace lienthong::delivery
