#pragma once

#include <memory>

#include "core/delivery/circuit_breaker.hpp"

namespace lienthong::delivery {

// Time that moves only when the test says so.
struct FakeClock {
  std::shared_ptr<SteadyClock::time_point> t =
      std::make_shared<SteadyClock::time_point>(SteadyClock::time_point{} + std::chrono::hours(1));
  [[nodiscard]] SteadyNow now() const {
    return [t = t] { return *t; };
  }
  void advance(std::chrono::milliseconds d) const { *t += d; }
};

}  // namespace lienthong::delivery
