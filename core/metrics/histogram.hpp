#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace lienthong::metrics {

/// Upper bounds (seconds) for the hub's latencies: a cached lookup takes milliseconds, a far
/// side may take up to its 30 s timeout.
std::span<const double> latency_buckets();

/// Observations counted into fixed buckets (upper bounds, ascending; +Inf is implicit), plus
/// their sum. Each observe() is a binary search and two relaxed atomic adds, no lock.
class Histogram {
 public:
  /// `bounds` must be finite and strictly ascending (checked: std::invalid_argument).
  explicit Histogram(std::span<const double> bounds);

  void observe(double value);

  struct Snapshot {
    std::vector<double> bounds;          ///< without +Inf
    std::vector<std::uint64_t> buckets;  ///< cumulative, one per bound and one for +Inf
    double sum = 0;
    [[nodiscard]] std::uint64_t count() const { return buckets.empty() ? 0 : buckets.back(); }
  };
  /// Cumulative counts as the text format wants them; the count is the +Inf bucket, so the
  /// two always agree even while observations land.
  [[nodiscard]] Snapshot snapshot() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  ///< per bucket, not cumulative
  std::atomic<double> sum_{0};
};

}  // namespace lienthong::metrics
