#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "async_load.hpp"
#include "crash_rig.hpp"

namespace lienthong::crash {

/// A crash run: hubs started, continuous load, hub `victim` SIGKILLed `kills` times at random
/// moments over at least `duration` and restarted each time, then the load stops, the hubs
/// drain and every acknowledged message is checked at the hub and at the mock.
struct CrashPlan {
  int kills = 10;
  std::chrono::milliseconds duration{30'000};
  std::uint32_t seed = 1;
  std::size_t victim = 0;
  LoadOptions load;
};

/// Runs the plan on `rig` (its sandbox not started yet) with gtest assertions; prints the
/// figures and records them as test properties.
void run_crash(CrashRig& rig, const CrashPlan& plan);

/// The plan with the CI defaults or LIENTHONG_CRASH_KILLS / _SECONDS / _SEED / _RATE.
CrashPlan crash_plan_from_env();

}  // namespace lienthong::crash
