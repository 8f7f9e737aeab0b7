// Issue 4's crash proof on the default store: under continuous async load the hub is SIGKILLed
// at random moments and restarted; every message acknowledged with 202 must reach the portal,
// in acceptance order per dossier, repeated only as the same X-Message-ID.
// CI: 10 kills over about 30 s; LIENTHONG_CRASH_KILLS / _SECONDS / _SEED / _RATE for more.
#include <gtest/gtest.h>

#include "crash_scenario.hpp"

namespace lienthong::crash {
namespace {

TEST(HubCrash, SqliteHubKilledAtRandomLosesNoAcknowledgedMessage) {
  CrashRig rig("crash-sqlite", RigOptions{});
  run_crash(rig, crash_plan_from_env());
}

}  // namespace
}  // namespace lienthong::crash
