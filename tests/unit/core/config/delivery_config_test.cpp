#include "core/config/delivery_config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/config/hub_config.hpp"
#include "tests/unit/core/config/config_dir_test.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

class DeliveryConfigTest : public ConfigDirTest {
 protected:
  Result<HubConfig, ConfigErrors> load(const std::string& hub_json,
                                       const std::string& delivery = "") {
    write("conf/hub.json", hub_json);
    write("conf/connectors/portal.json",
          R"({"type": "rest-json", "base_url": "http://127.0.0.1:1",)" +
              (delivery.empty() ? "" : R"("delivery": )" + delivery + ",") +
              R"("operations": {"send": {"path": "/send"}}})");
    return load_hub_config(dir_ / "conf" / "hub.json");
  }
};

TEST_F(DeliveryConfigTest, DefaultsWhenAbsent) {
  auto cfg = load("{}");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->delivery.concurrency, 16);
  const auto& retry = cfg->connector("portal")->delivery;
  EXPECT_EQ(retry.max_attempts, 8);
  EXPECT_EQ(retry.backoff_initial_ms, 500);
  EXPECT_EQ(retry.backoff_max_ms, 300'000);
  EXPECT_EQ(retry.attempt_timeout_ms, 0);
}

TEST_F(DeliveryConfigTest, EveryKeyIsRead) {
  auto cfg = load(R"({"delivery": {"concurrency": 4}})",
                  R"({"max_attempts": 3, "backoff_initial_ms": 10, "backoff_max_ms": 40,
                      "attempt_timeout_ms": 2000})");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->delivery.concurrency, 4);
  const auto& retry = cfg->connector("portal")->delivery;
  EXPECT_EQ(retry.max_attempts, 3);
  EXPECT_EQ(retry.backoff_initial_ms, 10);
  EXPECT_EQ(retry.backoff_max_ms, 40);
  EXPECT_EQ(retry.attempt_timeout_ms, 2000);
}

TEST_F(DeliveryConfigTest, UnknownKeysAreRefusedWithTheirLocation) {
  auto cfg = load(R"({"delivery": {"concurency": 4}})", R"({"max_atempts": 3})");
  auto errors = errors_of(cfg);
  ASSERT_EQ(errors.size(), 2u);
  std::string all = errors[0] + "\n" + errors[1];
  EXPECT_NE(all.find("hub.json"), std::string::npos) << all;
  EXPECT_NE(all.find("delivery.concurency"), std::string::npos) << all;
  EXPECT_NE(all.find("portal.json"), std::string::npos) << all;
  EXPECT_NE(all.find("delivery.max_atempts"), std::string::npos) << all;
}

TEST_F(DeliveryConfigTest, ConcurrencyZeroMeansThisHubDeliversNothing) {
  auto cfg = load(R"({"delivery": {"concurrency": 0}})");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->delivery.concurrency, 0);
}

TEST_F(DeliveryConfigTest, BadValuesAreRefused) {
  auto cfg = load(R"({"delivery": {"concurrency": -1}})",
                  R"({"max_attempts": 0, "backoff_initial_ms": 100, "backoff_max_ms": 50})");
  auto errors = errors_of(cfg);
  ASSERT_EQ(errors.size(), 3u);
  std::string all = errors[0] + "\n" + errors[1] + "\n" + errors[2];
  EXPECT_NE(all.find("delivery.concurrency"), std::string::npos) << all;
  EXPECT_NE(all.find("delivery.max_attempts"), std::string::npos) << all;
  EXPECT_NE(all.find("delivery.backoff_max_ms"), std::string::npos) << all;
}

}  // namespace
}  // namespace lienthong::config
