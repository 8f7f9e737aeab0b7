// Issue 4's crash proof with several hubs: two `serve` processes on one PostgreSQL store, one of
// them SIGKILLed at random moments and restarted while the other keeps serving and takes over
// the lapsed leases. Same checks as the SQLite run. Needs LIENTHONG_TEST_PG (scripts/test.sh).
#include <gtest/gtest.h>

#include <cstdlib>

#include "crash_scenario.hpp"
#include "pg_schema.hpp"

namespace lienthong::crash {
namespace {

TEST(HubCrash, OneOfTwoPostgresHubsKilledAtRandomLosesNoAcknowledgedMessage) {
  const char* server = std::getenv("LIENTHONG_TEST_PG");
  if (server == nullptr || *server == '\0') {
    GTEST_SKIP() << "LIENTHONG_TEST_PG is not set: start a server with "
                    "scripts/pg-test-server.sh start and export its output "
                    "(scripts/test.sh does both)";
  }
  PgSchema schema(server);
  ASSERT_EQ(schema.error(), "");
  RigOptions options;
  options.hubs = 2;
  options.store = {{"type", "postgresql"}, {"connection", {{"value", schema.connection()}}}};
  CrashRig rig("crash-pg", options);
  run_crash(rig, crash_plan_from_env());
}

}  // namespace
}  // namespace lienthong::crash
