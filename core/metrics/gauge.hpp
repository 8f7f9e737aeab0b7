#pragma once

#include <atomic>

namespace lienthong::metrics {

/// A value that goes up and down (a depth, a lag). Most of the hub's gauges are computed at
/// scrape time by a collector instead (registry.hpp); this one is for values a module keeps.
class Gauge {
 public:
  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  void add(double delta) {
    double seen = value_.load(std::memory_order_relaxed);
    while (!value_.compare_exchange_weak(seen, seen + delta, std::memory_order_relaxed)) {
    }
  }
  [[nodiscard]] double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

}  // namespace lienthong::metrics
