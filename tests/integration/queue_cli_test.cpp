// `lienthong queue ...` through the binary, on a temp SQLite store seeded through the store API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "queue_seed.hpp"

namespace lienthong::testing {
namespace {

namespace fs = std::filesystem;

// The copied config's store (var/lienthong.db beside config/), seeded (queue_seed.hpp).
class QueueCli : public CopiedConfig {
 protected:
  void SetUp() override {
    CopiedConfig::SetUp();
    auto q = seed_queue(dir_ / "var/lienthong.db");
    dead_ = q.dead;
    behind_ = q.behind;
    delivered_ = q.delivered;
    ASSERT_FALSE(dead_.empty() || behind_.empty() || delivered_.empty());
  }
  lienthong::testing::Run queue(const std::string& args) {
    return run("queue " + args + " --config " + hub().string());
  }
  nlohmann::json queue_json(const std::string& args) {
    auto r = queue(args + " --json");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output, nullptr, false);
  }

  std::string dead_;
  std::string behind_;
  std::string delivered_;
};

TEST_F(QueueCli, ListShowsEveryMessageWithoutBodiesOrResults) {
  auto r = queue("list");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const auto& id : {dead_, behind_, delivered_}) {
    EXPECT_NE(r.output.find(id), std::string::npos) << r.output;
  }
  EXPECT_NE(r.output.find("dvcqg/sync-dossier"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(kSeedDeadReason), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("dead       1"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("Nguyễn"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("Trần"), std::string::npos) << r.output;
}

TEST_F(QueueCli, ListFiltersAndSpeaksJson) {
  auto dead = queue_json("list --state dead");
  ASSERT_TRUE(dead.is_array() && dead.size() == 1) << dead;
  EXPECT_EQ(dead[0]["id"], dead_);
  EXPECT_EQ(dead[0]["dead_reason"], kSeedDeadReason);
  auto dkdn = queue_json("list --connector dkdn");
  ASSERT_TRUE(dkdn.is_array() && dkdn.size() == 1) << dkdn;
  EXPECT_EQ(dkdn[0]["state"], "delivered");
  EXPECT_EQ(dkdn[0]["result_bytes"], std::string(kSeedResult).size());
  EXPECT_FALSE(dkdn[0].contains("result"));
  EXPECT_EQ(queue_json("list --limit 2").size(), 2u);
}

TEST_F(QueueCli, ShowGivesStatusAndAttemptsLog) {
  auto r = queue("show " + dead_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("dead"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("timeline:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("#1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("test-node"), std::string::npos) << r.output;
  auto delivered = queue_json("show " + delivered_);
  EXPECT_EQ(delivered["result"], kSeedResult);  // asked for by id: shown
  ASSERT_EQ(delivered["attempts_log"].size(), 1u);
  EXPECT_EQ(delivered["attempts_log"][0]["outcome"], "delivered");
}

TEST_F(QueueCli, UnknownIdsAndBadStatesAreClearErrors) {
  auto r = queue("show no-such-id");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("no message no-such-id"), std::string::npos) << r.output;
  r = queue("replay no-such-id");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("no message no-such-id"), std::string::npos) << r.output;
  r = queue("list --state lost");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("unknown state lost"), std::string::npos) << r.output;
  EXPECT_EQ(queue("purge-dead").exit_code, 2);
}

TEST_F(QueueCli, ReplayOfANonDeadMessageSaysItsState) {
  auto r = queue("replay " + behind_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("is queued; only dead messages can be replayed"), std::string::npos)
      << r.output;
}

TEST_F(QueueCli, ReplayKeepsIdAndPlaceInTheKeysOrder) {
  auto r = queue("replay " + dead_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto again = queue_json("show " + dead_);
  EXPECT_EQ(again["id"], dead_);
  EXPECT_EQ(again["state"], "queued");
  EXPECT_EQ(again["ordering_key"], "K1");
  // The later message of the key waits behind the replayed one again.
  auto behind = queue_json("show " + behind_);
  EXPECT_EQ(behind["waiting_behind"], dead_);
  EXPECT_EQ(queue("replay " + dead_).exit_code, 1);  // no longer dead
}

TEST_F(QueueCli, ReplayAllDeadOfAConnector) {
  auto r = queue("replay --all-dead --connector dkdn");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("replayed 0 dead message(s) of dkdn"), std::string::npos) << r.output;
  r = queue("replay --all-dead --connector dvcqg");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("replayed 1 dead message(s) of dvcqg"), std::string::npos) << r.output;
  EXPECT_EQ(queue_json("list --state dead").size(), 0u);
}

TEST_F(QueueCli, PurgeDeadRemovesOnlyThoseOlderThanTheAge) {
  auto r = queue("purge-dead --older-than 7d");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("removed 0 dead message(s)"), std::string::npos) << r.output;
  r = queue("purge-dead --older-than 1d");  // it died two days ago
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("removed 1 dead message(s)"), std::string::npos) << r.output;
  EXPECT_EQ(queue("show " + dead_).exit_code, 1);
  EXPECT_EQ(queue_json("list").size(), 2u);
}

}  // namespace
}  // namespace lienthong::testing
