#include "core/config/connector_limits.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/config/hub_config.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

class ConnectorLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lt-limits-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "connectors");
    std::ofstream(dir_ / "hub.json") << "{}";
  }
  void TearDown() override { fs::remove_all(dir_); }
  // A connector file with `extra` added to its top-level object.
  Result<HubConfig, ConfigErrors> load(const std::string& extra) {
    std::ofstream(dir_ / "connectors" / "far.json")
        << R"({"type": "rest-json", "base_url": "http://127.0.0.1:1",
               "operations": {"op": {"path": "/x"}})"
        << (extra.empty() ? "" : ",\n") << extra << "}";
    return load_hub_config(dir_ / "hub.json");
  }
  static std::string errors_of(const Result<HubConfig, ConfigErrors>& r) {
    std::string out;
    if (!r) {
      for (const auto& e : r.error()) out += e.to_string() + "\n";
    }
    return out;
  }
  fs::path dir_;
};

TEST_F(ConnectorLimitsTest, DefaultsAreABreakerAndNoQuota) {
  auto cfg = load("");
  ASSERT_TRUE(cfg) << errors_of(cfg);
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
  ASSERT_TRUE(cfg) << errors_of(cfg);
  const auto* c = cfg->connector("far");
  EXPECT_EQ(c->circuit.failure_threshold, 3);
  EXPECT_EQ(c->circuit.open_ms, 200);
  ASSERT_TRUE(c->rate_limit);
  EXPECT_EQ(c->rate_limit->per_second, 20);
  EXPECT_EQ(c->rate_limit->burst, 40);
}

TEST_F(ConnectorLimitsTest, BurstDefaultsToTheRate) {
  auto cfg = load(R"("rate_limit": {"per_second": 7})");
  ASSERT_TRUE(cfg) << errors_of(cfg);
  EXPECT_EQ(cfg->connector("far")->rate_limit->burst, 7);
}

TEST_F(ConnectorLimitsTest, TheBreakerCanBeTurnedOff) {
  auto cfg = load(R"("circuit": {"enabled": false})");
  ASSERT_TRUE(cfg) << errors_of(cfg);
  EXPECT_FALSE(cfg->connector("far")->circuit.enabled);
}

TEST_F(ConnectorLimitsTest, UnknownKeysAreRefusedAndLocated) {
  auto errors = errors_of(load(R"("circuit": {"failure_treshold": 3},
                                  "rate_limit": {"per_second": 1, "brust": 2})"));
  EXPECT_NE(errors.find("circuit.failure_treshold"), std::string::npos) << errors;
  EXPECT_NE(errors.find("rate_limit.brust"), std::string::npos) << errors;
  EXPECT_NE(errors.find("far.json"), std::string::npos) << errors;
}

TEST_F(ConnectorLimitsTest, BadValuesAreRefused) {
  auto errors = errors_of(load(R"("circuit": {"failure_threshold": 0, "open_ms": "soon"},
                                  "rate_limit": {"burst": 2})"));
  EXPECT_NE(errors.find("circuit.failure_threshold"), std::string::npos) << errors;
  EXPECT_NE(errors.find("circuit.open_ms"), std::string::npos) << errors;
  EXPECT_NE(errors.find("rate_limit.per_second"), std::string::npos) << errors;
}

}  // namespace
}  // namespace lienthong::config
