#pragma once

#include <atomic>
#include <cstdint>

namespace lienthong::metrics {

/// A monotonic count of events. Relaxed atomics: a scrape may see one increment late, never a
/// torn or lost one, and incrementing costs one uncontended atomic add.
class Counter {
 public:
  void inc(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

}  // namespace lienthong::metrics
