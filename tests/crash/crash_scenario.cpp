#include "crash_scenario.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <thread>

#include "delivery_check.hpp"
#include "hub_status.hpp"
#include "tests/integration/cli_support.hpp"

namespace lienthong::crash {

using namespace std::chrono_literals;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Waits (with a deadline) until the load has `n` acknowledged messages.
bool wait_for_accepted(const AsyncLoad& load, std::size_t n, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (load.accepted().size() < n) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

}  // namespace

CrashPlan crash_plan_from_env() {
  CrashPlan plan;
  plan.kills = static_cast<int>(env_or("LIENTHONG_CRASH_KILLS", 10));
  plan.duration = std::chrono::seconds(env_or("LIENTHONG_CRASH_SECONDS", 30));
  plan.seed = static_cast<std::uint32_t>(env_or("LIENTHONG_CRASH_SEED", std::random_device{}()));
  plan.load.per_second = static_cast<double>(env_or("LIENTHONG_CRASH_RATE", 40));
  return plan;
}

void run_crash(CrashRig& rig, const CrashPlan& plan) {
  std::cout << "crash run: seed " << plan.seed << " (LIENTHONG_CRASH_SEED=" << plan.seed
            << " repeats the kill moments), " << plan.kills << " kills over at least "
            << plan.duration.count() / 1000 << " s, " << plan.load.per_second << " requests/s"
            << std::endl;
  ::testing::Test::RecordProperty("seed", std::to_string(plan.seed));
  const auto started = Clock::now();
  auto error = rig.start_sandbox();
  ASSERT_EQ(error, "");
  const std::size_t hubs = rig.hub_count();
  for (std::size_t i = 0; i < hubs; ++i) {
    error = rig.start_hub(i);
    ASSERT_EQ(error, "");
  }

  // Any live hub, at random: with several hubs on one store each takes its share.
  auto live_port = [&rig, hubs] {
    thread_local std::mt19937 pick(std::random_device{}());
    std::vector<std::uint16_t> ports;
    for (std::size_t i = 0; i < hubs; ++i) {
      if (auto p = rig.hub_port(i)) ports.push_back(p);
    }
    return ports.empty() ? std::uint16_t{0} : ports[pick() % ports.size()];
  };
  AsyncLoad load(plan.load, live_port, CrashRig::kKey);
  load.start();
  ASSERT_TRUE(wait_for_accepted(load, 20, 60s)) << "no load got through\n" << rig.hub_logs();

  std::mt19937 rng(plan.seed);
  const auto mean_gap = plan.duration / plan.kills;
  std::uniform_int_distribution<long> gap(100, std::max<long>(200, 2 * mean_gap.count() - 100));
  int kills = 0;
  while (kills < plan.kills || Clock::now() - started < plan.duration) {
    std::this_thread::sleep_for(std::chrono::milliseconds(gap(rng)));
    const auto before = load.accepted().size();
    ASSERT_TRUE(rig.kill_hub(plan.victim)) << "hub " << plan.victim << " was not running";
    ++kills;
    // Down a little while sometimes, so requests meet a dead port too.
    std::this_thread::sleep_for(std::chrono::milliseconds(gap(rng) % 300));
    error = rig.start_hub(plan.victim);
    ASSERT_EQ(error, "") << "after kill " << kills;
    std::cout << "  kill " << kills << " at " << seconds_since(started) << " s, " << before
              << " accepted" << std::endl;
  }
  // A last stretch of load on the restarted hub, so it has something in flight to take over.
  ASSERT_TRUE(wait_for_accepted(load, load.accepted().size() + 20, 60s)) << rig.hub_logs();
  load.stop(60s);
  const auto accepted = load.accepted();
  std::cout << "load stopped at " << seconds_since(started) << " s: " << accepted.size()
            << " accepted, " << load.failed_sends() << " sends without a 202 (sent again), "
            << load.unconfirmed() << " abandoned" << std::endl;
  EXPECT_TRUE(load.refusals().empty()) << load.refusals().front();

  std::vector<std::string> ids;
  for (const auto& m : accepted) ids.push_back(m.id);
  const auto drain_start = Clock::now();
  auto states = wait_for_final_states(
      live_port, CrashRig::kKey, ids,
      [](const json& s) {
        return s.value("state", "") == "delivered" || s.value("state", "") == "dead";
      },
      120s);
  const double drain = seconds_since(drain_start);
  std::size_t delivered_at_hub = 0;
  std::vector<std::string> not_delivered;
  for (const auto& id : ids) {
    if (states.contains(id) && states[id].value("state", "") == "delivered") {
      ++delivered_at_hub;
    } else if (not_delivered.size() < 10) {
      not_delivered.push_back(id + ": " + (states.contains(id) ? states[id].dump() : "no status"));
    }
  }
  EXPECT_EQ(delivered_at_hub, ids.size()) << "not delivered, e.g.:\n"
                                          << (not_delivered.empty() ? "" : not_delivered[0]) << "\n"
                                          << rig.hub_logs();

  auto mock = rig.mock_log();
  ASSERT_TRUE(mock) << "the mock's request log could not be read";
  const auto report = check_exact_order(accepted, deliveries_in(mock->requests));
  for (const auto& p : report.problems) ADD_FAILURE() << p;
  EXPECT_EQ(report.delivered, report.accepted) << "acknowledged messages never reached the portal";
  EXPECT_EQ(report.repeats, mock->duplicates)
      << "every repeated delivery must be a repeat of the same X-Message-ID that the portal "
         "answered from memory";
  EXPECT_LE(report.unknown, load.unconfirmed()) << "deliveries of messages no client sent";
  EXPECT_GE(kills, plan.kills);
  // Every hub's evidence chain whole after the kills (entries commit with what they record, and
  // a killed batch leaves none half-written), each hub on its own chain.
  const auto journal = testing::run("evidence verify --config " + rig.config_file().string());
  EXPECT_EQ(journal.exit_code, 0) << journal.output;
  for (std::size_t i = 0; i < hubs; ++i) {
    EXPECT_NE(journal.output.find("chain hub" + std::to_string(i) + ": "), std::string::npos)
        << journal.output;
  }
  EXPECT_EQ(journal.output.find("FAILED"), std::string::npos) << journal.output;

  std::cout << "result: kills " << kills << ", accepted " << report.accepted << ", delivered "
            << report.delivered << " (hub says " << delivered_at_hub << "), duplicates "
            << report.repeats << " (mock de-duplicated " << mock->duplicates << "), unknown "
            << report.unknown << ", drain " << drain << " s, total " << seconds_since(started)
            << " s" << std::endl;
  ::testing::Test::RecordProperty("kills", kills);
  ::testing::Test::RecordProperty("accepted", static_cast<int>(report.accepted));
  ::testing::Test::RecordProperty("delivered", static_cast<int>(report.delivered));
  ::testing::Test::RecordProperty("duplicates", static_cast<int>(report.repeats));
  ::testing::Test::RecordProperty("sends_without_202", static_cast<int>(load.failed_sends()));
}

}  // namespace lienthong::crash
