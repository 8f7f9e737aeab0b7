#include "core/pipeline/stages/upstream_metrics.hpp"

#include "core/delivery/classify.hpp"
#include "core/metrics/registry.hpp"

namespace lienthong::pipeline {
namespace {

metrics::HistogramFamily& upstream_family() {
  return metrics::global().histogram(
      "lienthong_upstream_request_duration_seconds",
      "Time of one call to an external system (send to answer), by connector and outcome (ok, "
      "or the failure's class).",
      {"connector", "outcome"});
}

}  // namespace

UpstreamMetrics::UpstreamMetrics(std::string_view connector)
    : family_(upstream_family()), connector_(connector) {
  if (!connector_.empty()) ok_ = &family_.with({connector_, "ok"});
}

void UpstreamMetrics::observe(const Exchange& exchange, std::chrono::steady_clock::duration took,
                              const Result<WireResponse>& answer) const {
  const double seconds = std::chrono::duration<double>(took).count();
  const std::string_view connector = connector_.empty() ? exchange.connector : connector_;
  std::string_view outcome = "ok";
  if (!answer) {
    outcome = delivery::error_class("deliver", answer.error());
  } else if (answer->failure) {
    outcome = delivery::error_class("deliver", *answer->failure);
  }
  if (outcome == "ok" && ok_ != nullptr) {
    ok_->observe(seconds);
    return;
  }
  // Failures and stages built without a guard: a lookup per call, against a call's cost.
  family_.with({connector, outcome}).observe(seconds);
}

}  // namespace lienthong::pipeline
