#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "core/config/hub_config.hpp"
#include "tests/unit/core/config/config_dir_test.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

class StoreConfigTest : public ConfigDirTest {
 protected:
  void SetUp() override {
    ConfigDirTest::SetUp();
    std::filesystem::create_directories(dir_ / "conf" / "connectors");
  }
  Result<HubConfig, ConfigErrors> load(const std::string& hub_json) {
    write("conf/hub.json", hub_json);
    return load_hub_config(dir_ / "conf" / "hub.json");
  }
  std::string file() const { return (dir_ / "conf" / "hub.json").string(); }
};

TEST_F(StoreConfigTest, DefaultIsSqliteUnderVar) {
  auto cfg = load("{}");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->store.type, "sqlite");
  EXPECT_EQ(cfg->store.path, (dir_ / "var" / "lienthong.db").lexically_normal());
  EXPECT_EQ(cfg->store.retention_days, 30);
  EXPECT_EQ(cfg->store.lease_ms, 30'000);
}

TEST_F(StoreConfigTest, TheShippedConfigNamesSqliteInVar) {
  auto cfg = load_hub_config(fs::path(LT_SOURCE_DIR) / "config/hub.json");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->store.type, "sqlite");
  EXPECT_EQ(cfg->store.path, (fs::path(LT_SOURCE_DIR) / "var/lienthong.db").lexically_normal());
}

TEST_F(StoreConfigTest, SqlitePathIsRelativeToTheFile) {
  auto cfg = load(R"({"store": {"type": "sqlite", "path": "../data/q.db", "retention_days": 7,
                                "lease_ms": 5000}})");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->store.path, (dir_ / "data" / "q.db").lexically_normal());
  EXPECT_EQ(cfg->store.retention_days, 7);
  EXPECT_EQ(cfg->store.lease_ms, 5000);
}

TEST_F(StoreConfigTest, PostgresqlConnectionIsASecret) {
  ::setenv("LT_TEST_STORE_PG", "host=/tmp port=5432 dbname=hub", 1);
  auto cfg =
      load(R"({"store": {"type": "postgresql", "connection": {"env": "LT_TEST_STORE_PG"}}})");
  ::unsetenv("LT_TEST_STORE_PG");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->store.type, "postgresql");
  EXPECT_EQ(cfg->store.connection, "host=/tmp port=5432 dbname=hub");
}

TEST_F(StoreConfigTest, MistakesAreLocated) {
  auto cfg = load(
      "{\n"
      "  \"store\": {\n"
      "    \"type\": \"postgresql\",\n"
      "    \"path\": \"x.db\",\n"
      "    \"connection\": {\"env\": \"LT_TEST_STORE_UNSET\"},\n"
      "    \"retention_days\": 0,\n"
      "    \"lease_ms\": \"long\"\n"
      "  }\n"
      "}\n");
  EXPECT_EQ(errors_of(cfg),
            (std::vector<std::string>{
                file() + ":6: store.retention_days: must be an integer from 1 to 3650",
                file() + ":7: store.lease_ms: must be an integer from 1000 to 3600000",
                file() + ":5: store.connection.env: environment variable LT_TEST_STORE_UNSET is "
                         "not set",
                file() + ":4: store.path: unknown key",
            }));
}

TEST_F(StoreConfigTest, UnknownTypeIsRefused) {
  auto cfg = load("{\n  \"store\": {\"type\": \"mysql\", \"colour\": 1}\n}\n");
  EXPECT_EQ(errors_of(cfg), (std::vector<std::string>{
                                file() + ":2: store.type: must be sqlite or postgresql",
                                file() + ":2: store.colour: unknown key",
                            }));
}

}  // namespace
}  // namespace lienthong::config
