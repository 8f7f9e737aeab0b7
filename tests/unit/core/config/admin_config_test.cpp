#include "core/config/admin_config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/config/hub_config.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

class AdminConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lt-admin-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "conf" / "connectors");
    fs::create_directories(dir_ / "console");
  }
  void TearDown() override { fs::remove_all(dir_); }
  Result<HubConfig, ConfigErrors> load(const std::string& admin) {
    std::ofstream(dir_ / "conf" / "hub.json") << "{\n  \"admin\": " << admin << "\n}\n";
    return load_hub_config(dir_ / "conf" / "hub.json");
  }
  std::string first_error(const Result<HubConfig, ConfigErrors>& r) {
    return r ? std::string() : r.error().front().to_string();
  }
  fs::path dir_;
};

TEST_F(AdminConfigTest, ListenerAndConsoleFolderRelativeToTheFile) {
  auto cfg = load(R"({"host": "0.0.0.0", "port": 9081, "console_dir": "../console"})");
  ASSERT_TRUE(cfg) << first_error(cfg);
  EXPECT_EQ(cfg->admin.host, "0.0.0.0");
  EXPECT_EQ(cfg->admin.port, 9081);
  EXPECT_EQ(cfg->admin.console_dir, dir_ / "console");
  EXPECT_EQ(cfg->admin.operators_file, dir_ / "conf" / "operators.json");
  auto named = load(R"({"operators_file": "../secrets/ops.json"})");
  ASSERT_TRUE(named) << first_error(named);
  EXPECT_EQ(named->admin.operators_file, dir_ / "secrets" / "ops.json");
}

TEST_F(AdminConfigTest, DefaultsToTheRepositorysConsoleBesideTheConfigFolder) {
  auto cfg = load(R"({"port": 0})");
  ASSERT_TRUE(cfg) << first_error(cfg);
  EXPECT_EQ(cfg->admin.host, "127.0.0.1");
  EXPECT_EQ(cfg->admin.console_dir, dir_ / "core/admin/console");
  auto shipped = load_hub_config(fs::path(LT_SOURCE_DIR) / "config/hub.json");
  ASSERT_TRUE(shipped) << first_error(shipped);
  EXPECT_EQ(shipped->admin.console_dir, fs::path(LT_SOURCE_DIR) / "core/admin/console");
  EXPECT_TRUE(fs::is_directory(shipped->admin.console_dir));
}

// admin.tls: as listen_tls, paths relative to the file, but on the admin's own address.
TEST_F(AdminConfigTest, TlsReadsLikeListenTlsWithoutAnAddress) {
  auto cfg = load(
      R"({"port": 9443, "tls": {"certificate": "c.pem", "private_key": "k.pem",
          "client_ca": "ca.pem", "client_certificates": "required", "ocsp": "off"}})");
  ASSERT_TRUE(cfg) << first_error(cfg);
  EXPECT_TRUE(cfg->admin.tls.enabled);
  EXPECT_EQ(cfg->admin.tls.certificate, dir_ / "conf" / "c.pem");
  EXPECT_EQ(cfg->admin.tls.client_ca, dir_ / "conf" / "ca.pem");
  EXPECT_EQ(cfg->admin.tls.client_certificates, "required");
  EXPECT_FALSE(load(R"({"port": 0})")->admin.tls.enabled);
  auto bad = load(R"({"tls": {"certificate": "c.pem", "private_key": "k.pem", "port": 1,
                      "client_certificates": "optional"}})");
  ASSERT_FALSE(bad);
  std::vector<std::string> errors;
  for (const auto& e : bad.error()) errors.push_back(e.to_string());
  EXPECT_EQ(errors.size(), 2U) << ::testing::PrintToString(errors);
  const auto joined = ::testing::PrintToString(errors);
  EXPECT_NE(joined.find("admin.tls.port: unknown key"), std::string::npos) << joined;
  EXPECT_NE(joined.find("admin.tls.client_ca: is required"), std::string::npos) << joined;
}

TEST_F(AdminConfigTest, MistakesAreLocatedAndUnknownKeysRefused) {
  auto cfg = load(R"({"port": 8081, "console_dir": "", "consol_dir": "x"})");
  ASSERT_FALSE(cfg);
  std::vector<std::string> errors;
  for (const auto& e : cfg.error()) errors.push_back(e.to_string());
  ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
  const auto file = (dir_ / "conf" / "hub.json").string();
  EXPECT_EQ(errors[0], file + ":2: admin.console_dir: must not be empty");
  EXPECT_EQ(errors[1], file + ":2: admin.consol_dir: unknown key");
  // A folder that is not there is the console's problem (a 404 naming it), not the hub's.
  auto moved = load(R"({"console_dir": "nowhere"})");
  ASSERT_TRUE(moved) << first_error(moved);
  EXPECT_EQ(moved->admin.console_dir, dir_ / "conf" / "nowhere");
}

}  // namespace
}  // namespace lienthong::config
