#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/metrics/family.hpp"
#include "core/pipeline/exchange.hpp"

namespace lienthong::pipeline {

/// The far side's latency: how long `Connector::call` took, per connector and outcome, in
/// `lienthong_upstream_request_duration_seconds{connector, outcome}`. The outcome is `ok`, or
/// the failure's class (`delivery::error_class`: timeout, unreachable, upstream_5xx, refused,
/// ...), also for an answer that says the far side failed.
class UpstreamMetrics {
 public:
  /// `connector` empty: each call is counted under its exchange's connector (looked up then).
  explicit UpstreamMetrics(std::string_view connector);

  void observe(const Exchange& exchange, std::chrono::steady_clock::duration took,
               const Result<WireResponse>& answer) const;

 private:
  metrics::HistogramFamily& family_;
  std::string connector_;
  metrics::Histogram* ok_ = nullptr;  ///< the usual outcome, looked up once
};

}  // namespace lienthong::pipeline
