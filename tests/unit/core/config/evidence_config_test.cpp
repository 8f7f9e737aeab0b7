#include <gtest/gtest.h>

#include "core/config/hub_config.hpp"
#include "tests/unit/core/config/config_dir_test.hpp"

namespace lienthong::config {
namespace {

// `evidence` in hub.json and in a connector file (core/config/evidence_config.cpp).
class EvidenceConfigTest : public ConfigDirTest {
 protected:
  Result<HubConfig, ConfigErrors> load(const std::string& hub_evidence,
                                       const std::string& connector_evidence) {
    write("hub.json", "{\"evidence\": " + hub_evidence + "}");
    write("connectors/far.json", R"({"type": "rest-json", "base_url": "http://127.0.0.1:1",
      "operations": {"op": {"path": "/x"}}, "evidence": )" +
                                     connector_evidence + "}");
    return load_hub_config(dir_ / "hub.json");
  }
};

TEST_F(EvidenceConfigTest, ArchivedBodiesWithAKeyLoad) {
  auto cfg = load(R"({"node": "hub-1", "archive_key": {"id": "k1", "env": "LT_NO_SUCH_VAR"}})",
                  R"({"archive_bodies": true, "body_retention_days": 30})");
  ASSERT_TRUE(cfg) << errors_text(cfg);
  EXPECT_TRUE(cfg->evidence.enabled);
  ASSERT_TRUE(cfg->evidence.archive_key);
  EXPECT_EQ(cfg->evidence.archive_key->id, "k1");
  const auto* c = cfg->connector("far");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->evidence.archive_bodies);
  EXPECT_EQ(c->evidence.body_retention_days, 30);
}

TEST_F(EvidenceConfigTest, ArchivedBodiesWithoutAKeyAreAnErrorOnTheConnectorsLine) {
  auto cfg = load(R"({"enabled": true})", R"({"archive_bodies": true})");
  ASSERT_FALSE(cfg);
  EXPECT_EQ(errors_text(cfg), (dir_ / "connectors/far.json").string() +
                                  ":2: evidence.archive_bodies: needs evidence.archive_key in "
                                  "hub.json (archived bodies are encrypted at rest)\n");
}

TEST_F(EvidenceConfigTest, AJournalTurnedOffNeedsNoKeyForArchivingConnectors) {
  // Turning the journal off (as bench/evidence_cost.sh does) must not mean editing every
  // connector that archives: with the journal off nothing is archived.
  auto cfg = load(R"({"enabled": false})", R"({"archive_bodies": true})");
  ASSERT_TRUE(cfg) << errors_text(cfg);
  EXPECT_FALSE(cfg->evidence.enabled);
}

TEST_F(EvidenceConfigTest, AKeyNeedsExactlyOneSource) {
  auto cfg = load(R"({"archive_key": {"id": "k1"}})", "{}");
  ASSERT_FALSE(cfg);
  EXPECT_NE(errors_text(cfg).find("give exactly one of file and env"), std::string::npos)
      << errors_text(cfg);
}

}  // namespace
}  // namespace lienthong::config
