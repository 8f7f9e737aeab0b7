#include "core/config/connector_limits.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/config/hub_config.hpp"
#include "tests/unit/core/config/config_dir_test.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

class ConnectorLimitsTest : public ConfigDirTest {
 protected:
  void SetUp() override {
    ConfigDirTest::SetUp();
    write("hub.json", "{}");
  }
  // A connector file with `extra` added to its top-level object.
  Result<HubConfig, ConfigErrors> load(const std::string& extra) {
    write("connectors/far.json", R"({"type": "rest-json", "base_url": "http://127.0.0.1:1",
               "operations": {"op": {"path": "/x"}})" +
                                     std::string(extra.empty() ? "" : ",\n") + extra + "}");
    return load_hub_config(dir_ / "hub.json");
  }
};

TEST_F(ConnectorLimitsTest, DefaultsAreABreakerAndNoQuota) {
  auto cfg = load("");
  ASSERT_TRUE(cfg) << errors_text(cfg);
  const auto* c = cfg->connector("far");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->circuit.enabled);
  EXPECT_EQ(c->circuit.failure_threshold, 5);
  EXPECT_EQ(c->circuit.open_ms, 30'000);
  EXPECT_FALSE(c->rate_limit);
}

TEST_F(ConnectorLimitsTest, BothSectionsAreRead) {
  auto cfg = load(R"("circuit": {"failure_threshold": 3, "open_ms": 200},
                     "rate_limit": {"per_second": 20, "burst": 40})");
  ASSERT_TRUE(cfg) << errors_text(cfg);
  const auto* c = cfg->connector("far");
  EXPECT_EQ(c->circuit.failure_threshold, 3);
  EXPECT_EQ(c->circuit.open_ms, 200);
  ASSERT_TRUE(c->rate_limit);
  EXPECT_EQ(c->rate_limit->per_second, 20);
  EXPECT_EQ(c->rate_limit->burst, 40);
}

TEST_F(ConnectorLimitsTest, BurstDefaultsToTheRate) {
  auto cfg = load(R"("rate_limit": {"per_second": 7})");
  ASSERT_TRUE(cfg) << errors_text(cfg);
  EXPECT_EQ(cfg->connector("far")->rate_limit->burst, 7);
}

TEST_F(ConnectorLimitsTest, TheBreakerCanBeTurnedOff) {
  auto cfg = load(R"("circuit": {"enabled": false})");
  ASSERT_TRUE(cfg) << errors_text(cfg);
  EXPECT_FALSE(cfg->connector("far")->circuit.enabled);
}

TEST_F(ConnectorLimitsTest, UnknownKeysAreRefusedAndLocated) {
  auto errors = errors_text(load(R"("circuit": {"failure_treshold": 3},
                                  "rate_limit": {"per_second": 1, "brust": 2})"));
  EXPECT_NE(errors.find("circuit.failure_treshold"), std::string::npos) << errors;
  EXPECT_NE(errors.find("rate_limit.brust"), std::string::npos) << errors;
  EXPECT_NE(errors.find("far.json"), std::string::npos) << errors;
}

TEST_F(ConnectorLimitsTest, BadValuesAreRefused) {
  auto errors = errors_text(load(R"("circuit": {"failure_threshold": 0, "open_ms": "soon"},
                                  "rate_limit": {"burst": 2})"));
  EXPECT_NE(errors.find("circuit.failure_threshold"), std::string::npos) << errors;
  EXPECT_NE(errors.find("circuit.open_ms"), std::string::npos) << errors;
  EXPECT_NE(errors.find("rate_limit.per_second"), std::string::npos) << errors;
}

}  // namespace
}  // namespace lienthong::config
