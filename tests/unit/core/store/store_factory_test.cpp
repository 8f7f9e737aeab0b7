#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "core/config/hub_config.hpp"
#include "core/log/log.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::store {
namespace {

std::mutex log_mutex;
std::string logged;

void capture(std::string_view line) {
  std::lock_guard lock(log_mutex);
  logged.append(line).push_back('\n');
}

TEST(StoreFactory, OpensTheSqliteFileTheConfigNames) {
  auto dir = std::filesystem::temp_directory_path() / ("lt-factory-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  config::StoreConfig cfg;
  cfg.path = dir / "var" / "lienthong.db";
  auto s = open_store(cfg);
  ASSERT_TRUE(s) << s.error().detail;
  EXPECT_EQ(*s.value()->schema_version(), 4);
  s.value().reset();
  EXPECT_TRUE(std::filesystem::exists(cfg.path));
  std::filesystem::remove_all(dir);
}

TEST(StoreFactory, AnUnreachablePostgresqlIsAnErrorThatShowsNoPassword) {
  log::set_sink(capture);
  config::StoreConfig cfg;
  cfg.type = "postgresql";
  cfg.connection =
      "host=/nonexistent-lienthong port=1 user=hub password=s3cr3t-pw connect_timeout=2";
  auto s = open_store(cfg);
  log::set_sink(nullptr);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ProblemKind::kInternal);
  EXPECT_EQ(s.error().detail.find("s3cr3t"), std::string::npos);
  std::lock_guard lock(log_mutex);
  EXPECT_NE(logged.find("store.database_error"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("s3cr3t"), std::string::npos) << logged;
}

}  // namespace
}  // namespace lienthong::store
