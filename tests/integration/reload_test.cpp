// Live reload (Hub::reload): a configuration on disk in a temp folder (hub.json, dkdn and dvcqg
// with copies of their mappings) is changed and reloaded while the hub runs against the sandbox.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <csignal>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/hub.hpp"
#include "core/admin/auth/local_token.hpp"
#include "core/base/digest.hpp"
#include "core/log/log.hpp"
#include "sandbox/sandbox.hpp"
#include "tests/integration/child_process.hpp"
#include "tests/integration/cli_support.hpp"
#include "tests/integration/hub_fixture.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* kKey = "reload-test-key";

void write_file(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class ReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::set_level(log::Level::kWarn);
    sandbox::SandboxOptions options;
    options.ports = {{"dkdn", 0}, {"dancu", 0},  {"dvcqg", 0},
                     {"kyso", 0}, {"motcua", 0}, {"paygov", 0}};
    options.data_dir = fs::path(LT_SOURCE_DIR) / "sandbox/data";
    options.certs_dir = security::testing::dev_pki();
    sandbox_ = std::make_unique<sandbox::Sandbox>(ioc_, options);
    auto started = sandbox_->start();
    ASSERT_TRUE(started) << started.error().detail;

    dir_ = fs::temp_directory_path() /
           ("lt-reload-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    for (const char* id : {"dkdn", "dvcqg"}) {
      fs::create_directories(dir_ / "mappings");
      fs::copy(fs::path(LT_SOURCE_DIR) / "mappings" / id, dir_ / "mappings" / id,
               fs::copy_options::recursive);
    }
    hub_json_ = base_hub_json();
    write_hub_json();
    write_connector("dkdn", connector_json("dkdn"));
    write_connector("dvcqg", connector_json("dvcqg"));
    customize_files();
    if (!in_process()) return;
    auto config = config::load_hub_config(dir_ / "config/hub.json");
    ASSERT_TRUE(config) << config.error().front().to_string();
    auto hub = app::Hub::create(ioc_, *config);
    ASSERT_TRUE(hub) << hub.error().front().to_string();
    hub_ = std::move(hub).value();
    auto bound = hub_->listen();
    ASSERT_TRUE(bound) << bound.error().detail;
    io_threads_.start(ioc_, 3);
  }

  void TearDown() override {
    io_threads_.stop(ioc_, hub_.get(), sandbox_.get());
    hub_.reset();
    sandbox_.reset();
    fs::remove_all(dir_);
    log::set_level(log::Level::kInfo);
  }

  /// Lets a test change the files before the hub first reads them.
  virtual void customize_files() {}
  /// False: only the files are made (a test runs `lienthong serve` on them).
  virtual bool in_process() const { return true; }

  Json base_hub_json() const {
    const auto motcua = "http://127.0.0.1:" + std::to_string(sandbox_->port("motcua"));
    return Json{
        {"listen", {{"host", "127.0.0.1"}, {"port", 0}}},
        {"admin", {{"host", "127.0.0.1"}, {"port", 0}}},
        {"var_dir", (dir_ / "var").string()},
        {"mappings_dir", "../mappings"},
        {"connectors_dir", "connectors"},
        {"clients",
         Json::array(
             {{{"name", "tester"}, {"api_key_sha256", sha256_hex(kKey)}, {"allow", {"*"}}}})},
        {"provincial_targets",
         {{"motcua",
           {{"url", motcua + "/lienthong/inbound"},
            {"auth", {{"type", "bearer"}, {"token", {{"value", "sandbox-motcua-token"}}}}}}}}},
        {"evidence",
         {{"enabled", true},
          {"archive_key",
           {{"id", "dev-1"},
            {"file", security::testing::pki_file("evidence-archive.key").string()}}}}},
        {"store", {{"type", "sqlite"}, {"path", (dir_ / "var/lienthong.db").string()}}},
        {"sandbox", {{"enabled", false}}},
    };
  }

  Json connector_json(const std::string& id) const {
    auto text = read_file(fs::path(LT_SOURCE_DIR) / "config/connectors" / (id + ".json"));
    auto json = Json::parse(text, nullptr, true, true);  // comments allowed
    json["base_url"] = "http://127.0.0.1:" + std::to_string(sandbox_->port(id));
    return json;
  }

  void write_hub_json() const { write_file(dir_ / "config/hub.json", hub_json_.dump(2)); }
  void write_connector(const std::string& id, const Json& json) const {
    write_file(dir_ / "config/connectors" / (id + ".json"), json.dump(2));
  }

  /// A mapping change visible in the answer: lookup-enterprise's result gets `reloadMark`.
  void mark_dkdn_mapping(const std::string& mark) const {
    const auto file = dir_ / "mappings/dkdn/lookup-enterprise.response.json";
    auto text =
        read_file(fs::path(LT_SOURCE_DIR) / "mappings/dkdn/lookup-enterprise.response.json");
    const std::string anchor = "\"output\": {";
    const auto at = text.find(anchor);
    ASSERT_NE(at, std::string::npos);
    text.insert(at + anchor.size(),
                "\n    \"reloadMark\": \"{{ /MaSoDoanhNghiep | string }}" + mark + "\",");
    write_file(file, text);
  }

  app::ReloadResult reload(const std::string& actor = "test:reload", bool force = false) {
    auto done = asio::co_spawn(ioc_, hub_->reload(actor, force), asio::use_future);
    return done.get();
  }

  http::Response post(const std::string& target, const std::string& body,
                      bool async = false) const {
    http::Request req{bhttp::verb::post, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::authorization, std::string("Bearer ") + kKey);
    req.set(bhttp::field::content_type, "application/json");
    if (async) req.set("Prefer", "respond-async");
    req.body() = body;
    req.prepare_payload();
    return send_http(hub_->ingress_endpoint().port(), std::move(req));
  }

  http::Response lookup(const std::string& connector = "dkdn") const {
    return post("/v1/" + connector + "/lookup-enterprise", R"({"enterpriseCode":"0100109106"})");
  }

  /// One async sync-dossier (its own dossier code); the message id, empty unless 202.
  std::string send_async(int n, std::string* failure = nullptr) const {
    auto body = Json::parse(
        read_file(fs::path(LT_SOURCE_DIR) / "mappings/dvcqg/sync-dossier.example.json"));
    char code[64];
    std::snprintf(code, sizeof code, "000.00.01.H22-261201-%04d", n % 10000);
    body["dossierCode"] = code;
    auto res = post("/v1/dvcqg/sync-dossier", body.dump(), true);
    if (res.result_int() != 202) {
      if (failure != nullptr) *failure = std::to_string(res.result_int()) + " " + res.body();
      return {};
    }
    return std::string(res["X-Message-ID"]);
  }

  std::string state_of(const std::string& id) const {
    http::Request req{bhttp::verb::get, "/v1/messages/" + id, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::authorization, std::string("Bearer ") + kKey);
    auto res = send_http(hub_->ingress_endpoint().port(), std::move(req));
    if (res.result_int() != 200) return "http " + std::to_string(res.result_int());
    auto json = Json::parse(res.body(), nullptr, false);
    return json.is_object() && json.contains("state") ? json["state"].get<std::string>() : "?";
  }

  /// The journal's reload entries, parsed.
  std::vector<Json> reload_entries() const {
    std::vector<Json> out;
    auto heads = hub_->store().evidence().heads();
    if (!heads) return out;
    for (const auto& head : *heads) {
      auto entries = hub_->store().evidence().entries(head.node, 0, 100'000);
      if (!entries) continue;
      for (const auto& e : *entries) {
        auto j = Json::parse(e.entry, nullptr, false);
        if (j.is_object() && j.value("operation", "") == "reload") out.push_back(j);
      }
    }
    return out;
  }

  asio::io_context ioc_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::unique_ptr<app::Hub> hub_;
  fs::path dir_;
  Json hub_json_;

 private:
  IoThreads io_threads_;
};

TEST_F(ReloadTest, AChangedMappingIsUsedByTheNextLookup) {
  auto before = lookup();
  ASSERT_EQ(before.result_int(), 200) << before.body();
  EXPECT_FALSE(Json::parse(before.body()).contains("reloadMark"));
  mark_dkdn_mapping("-1");
  auto result = reload();
  ASSERT_TRUE(result.applied) << (result.errors.empty() ? "" : result.errors[0].to_string());
  EXPECT_EQ(result.changes.changed, std::vector<std::string>{"dkdn"});
  EXPECT_TRUE(result.changes.added.empty());
  EXPECT_EQ(result.checksum.size(), 64U);
  auto after = lookup();
  ASSERT_EQ(after.result_int(), 200) << after.body();
  EXPECT_EQ(Json::parse(after.body()).value("reloadMark", ""), "0100109106-1");
}

TEST_F(ReloadTest, ABrokenFileIsLocatedAndChangesNothing) {
  const auto before = hub_->snapshot();
  mark_dkdn_mapping("-1");  // a good change beside the broken one is not applied either
  auto dvcqg = connector_json("dvcqg");
  dvcqg["operations"]["sync-dossier"]["no_such_key"] = 1;
  write_connector("dvcqg", dvcqg);
  auto result = reload();
  EXPECT_FALSE(result.applied);
  ASSERT_FALSE(result.errors.empty());
  const auto text = result.errors.front().to_string();
  EXPECT_NE(text.find("dvcqg.json:"), std::string::npos) << text;
  EXPECT_NE(text.find("operations.sync-dossier.no_such_key"), std::string::npos) << text;
  EXPECT_GT(result.errors.front().line, 0) << text;
  EXPECT_EQ(hub_->snapshot(), before);
  auto after = lookup();
  ASSERT_EQ(after.result_int(), 200) << after.body();
  EXPECT_FALSE(Json::parse(after.body()).contains("reloadMark"));
  EXPECT_TRUE(reload_entries().empty());
  EXPECT_EQ(result.json()["errors"][0]["text"], text);
}

TEST_F(ReloadTest, AChangedListenAddressIsRefusedWithRestartNeeded) {
  const auto before = hub_->snapshot();
  hub_json_["listen"]["port"] = 18080;
  hub_json_["store"]["path"] = (dir_ / "var/other.db").string();
  write_hub_json();
  auto result = reload();
  EXPECT_FALSE(result.applied);
  std::string all;
  for (const auto& e : result.errors) all += e.to_string() + "\n";
  EXPECT_NE(all.find("listen: "), std::string::npos) << all;
  EXPECT_NE(all.find("restart the hub"), std::string::npos) << all;
  EXPECT_NE(all.find("store: "), std::string::npos) << all;
  EXPECT_EQ(hub_->snapshot(), before);
}

TEST_F(ReloadTest, AnAppliedReloadIsJournalledWithItsActorAndChecksum) {
  auto dvcqg = connector_json("dvcqg");
  dvcqg["delivery"] = {{"max_attempts", 3}};
  write_connector("dvcqg", dvcqg);
  auto result = reload("operator:lan");
  ASSERT_TRUE(result.applied) << (result.errors.empty() ? "" : result.errors[0].to_string());
  EXPECT_EQ(hub_->routes().retry_policy("dvcqg", "sync-dossier").max_attempts(), 3);
  auto entries = reload_entries();
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].value("actor", ""), "operator:lan");
  EXPECT_EQ(entries[0].value("kind", ""), "action");
  EXPECT_EQ(entries[0].dump().find(result.checksum) != std::string::npos, true) << entries[0];
  EXPECT_NE(entries[0].value("detail", "").find("changed dvcqg"), std::string::npos) << entries[0];
}

TEST_F(ReloadTest, ANewConnectorIsServedAfterTheReload) {
  EXPECT_EQ(lookup("dkdn2").result_int(), 404);
  fs::copy(dir_ / "mappings/dkdn", dir_ / "mappings/dkdn2", fs::copy_options::recursive);
  write_connector("dkdn2", connector_json("dkdn"));
  auto result = reload();
  ASSERT_TRUE(result.applied) << (result.errors.empty() ? "" : result.errors[0].to_string());
  EXPECT_EQ(result.changes.added, std::vector<std::string>{"dkdn2"});
  auto res = lookup("dkdn2");
  EXPECT_EQ(res.result_int(), 200) << res.body();
}

// No delivery: sent messages stay queued.
class ReloadQueuedTest : public ReloadTest {
  void customize_files() override {
    hub_json_["delivery"] = {{"concurrency", 0}};
    write_hub_json();
  }
};

TEST_F(ReloadQueuedTest, RemovingAConnectorWithQueuedMessagesNeedsForce) {
  std::string failure;
  const auto id = send_async(1, &failure);
  ASSERT_FALSE(id.empty()) << failure;
  fs::remove(dir_ / "config/connectors/dvcqg.json");
  auto refused = reload();
  EXPECT_FALSE(refused.applied);
  ASSERT_EQ(refused.errors.size(), 1U);
  EXPECT_NE(refused.errors[0].to_string().find("dvcqg is removed but still has 1 queued"),
            std::string::npos)
      << refused.errors[0].to_string();
  EXPECT_TRUE(hub_->routes().has_connector("dvcqg"));
  auto forced = reload("test:reload", true);
  ASSERT_TRUE(forced.applied) << (forced.errors.empty() ? "" : forced.errors[0].to_string());
  EXPECT_EQ(forced.changes.removed, std::vector<std::string>{"dvcqg"});
  EXPECT_FALSE(hub_->routes().has_connector("dvcqg"));
}

// Reload under load: lookups and async messages from several threads while 20 reloads (a
// mapping, a retry policy, a new connector, a broken file) run; nothing fails, nothing is lost.
TEST_F(ReloadTest, UnderLoadNoRequestFailsAndNoMessageIsLost) {
  std::atomic<bool> stop{false};
  std::atomic<int> next{0};
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<std::string> accepted;
  std::atomic<int> lookups{0};
  std::vector<std::thread> load;
  for (int t = 0; t < 4; ++t) {
    load.emplace_back([&, t] {
      while (!stop.load()) {
        if (t % 2 == 0) {
          auto res = lookup();
          if (res.result_int() != 200) {
            const std::lock_guard lock(mutex);
            failures.push_back("lookup " + std::to_string(res.result_int()) + " " + res.body());
          }
          ++lookups;
        } else {
          std::string failure;
          auto id = send_async(next++, &failure);
          const std::lock_guard lock(mutex);
          if (id.empty()) {
            failures.push_back("async " + failure);
          } else {
            accepted.push_back(id);
          }
        }
      }
    });
  }
  int applied = 0;
  int refused = 0;
  bool added = false;
  for (int i = 0; i < 20; ++i) {
    switch (i % 4) {
      case 0:
        mark_dkdn_mapping("-" + std::to_string(i));
        break;
      case 1: {
        auto dvcqg = connector_json("dvcqg");
        dvcqg["delivery"] = {{"max_attempts", 5 + i}};
        write_connector("dvcqg", dvcqg);
        break;
      }
      case 2:
        if (!added) {
          fs::copy(dir_ / "mappings/dkdn", dir_ / "mappings/dkdn2", fs::copy_options::recursive);
          added = true;
        }
        write_connector("dkdn2", connector_json("dkdn"));
        break;
      default:
        write_file(dir_ / "config/connectors/dkdn2.json", "{ \"type\": \"rest-json\", oops");
        break;
    }
    const auto before = hub_->snapshot();
    auto result = reload("test:load");
    if (i % 4 == 3) {
      EXPECT_FALSE(result.applied) << i;
      EXPECT_EQ(hub_->snapshot(), before) << i;
      ++refused;
      write_connector("dkdn2", connector_json("dkdn"));  // mended for the next round
    } else {
      EXPECT_TRUE(result.applied) << i << ": "
                                  << (result.errors.empty() ? "" : result.errors[0].to_string());
      ++applied;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // paces the load between
  }
  stop = true;
  for (auto& t : load) t.join();
  EXPECT_EQ(applied, 15);
  EXPECT_EQ(refused, 5);
  EXPECT_GT(lookups.load(), 20);
  EXPECT_GT(accepted.size(), 20U);
  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_EQ(Json::parse(lookup().body()).value("reloadMark", ""), "0100109106-16");
  EXPECT_EQ(hub_->routes().retry_policy("dvcqg", "sync-dossier").max_attempts(), 5 + 17);
  // Every accepted message is delivered (none lost across the swaps).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::vector<std::string> pending = accepted;
  while (!pending.empty() && std::chrono::steady_clock::now() < deadline) {
    std::erase_if(pending, [&](const std::string& id) { return state_of(id) == "delivered"; });
    if (!pending.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (const auto& id : pending) ADD_FAILURE() << id << " is " << state_of(id);
  EXPECT_EQ(reload_entries().size(), 15U);
}

std::uint16_t free_port() {
  asio::io_context ioc;
  asio::ip::tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

// `lienthong serve` as operators run it: SIGHUP, `lienthong reload` and POST /admin/reload.
class ReloadServeTest : public ReloadTest {
 protected:
  bool in_process() const override { return false; }
  void customize_files() override {
    admin_port_ = free_port();
    hub_json_["admin"]["port"] = admin_port_;
    write_hub_json();
  }
  http::Response admin_post(const std::string& body) const {
    http::Request req{bhttp::verb::post, "/admin/reload", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    auto token = admin::auth::read_local_token(dir_ / "var/admin-local.token");
    EXPECT_TRUE(token) << token.error().detail;
    req.set(bhttp::field::authorization, "Bearer " + (token ? *token : std::string()));
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    return send_http(admin_port_, std::move(req));
  }
  std::uint16_t admin_port_ = 0;
};

TEST_F(ReloadServeTest, SighupTheCliAndTheAdminRouteReload) {
  using namespace std::chrono_literals;
  const auto hub_json = (dir_ / "config/hub.json").string();
  ChildProcess hub({LT_BINARY, "serve", "--no-sandbox", "--config", hub_json}, dir_ / "serve");
  auto api = hub.wait_for_stdout(std::regex(R"(provincial API  http://127\.0\.0\.1:(\d+))"), 30s);
  ASSERT_TRUE(api) << hub.out() << hub.err();

  // SIGHUP: the log says what was reloaded.
  mark_dkdn_mapping("-hup");
  ASSERT_EQ(::kill(hub.pid(), SIGHUP), 0);
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (hub.err().find("reloaded ") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_NE(hub.err().find("reload.applied"), std::string::npos) << hub.err();
  EXPECT_NE(hub.err().find("changed dkdn"), std::string::npos) << hub.err();

  // The CLI: a broken file's problems located, exit 1; then mended, exit 0.
  auto dkdn = connector_json("dkdn");
  dkdn["operations"]["lookup-enterprise"]["no_such_key"] = true;
  write_connector("dkdn", dkdn);
  auto refused = run("reload --config " + hub_json);
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("dkdn.json:"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("operations.lookup-enterprise.no_such_key"), std::string::npos)
      << refused.output;
  write_connector("dkdn", connector_json("dkdn"));
  auto applied = run("reload --config " + hub_json + " --force");
  EXPECT_EQ(applied.exit_code, 0) << applied.output;
  EXPECT_NE(applied.output.find("reloaded "), std::string::npos) << applied.output;

  // The admin route, as the console's button asks: 200 with changed and checksum; 422 problem.
  mark_dkdn_mapping("-route");
  auto ok = admin_post("");
  ASSERT_EQ(ok.result_int(), 200) << ok.body();
  auto answer = Json::parse(ok.body());
  EXPECT_EQ(answer["changed"], Json::array({"dkdn"})) << answer;
  EXPECT_EQ(answer["checksum"].get<std::string>().size(), 64U);
  write_file(dir_ / "config/connectors/dkdn.json", "{ broken");
  auto bad = admin_post(R"({"force": true})");
  ASSERT_EQ(bad.result_int(), 422) << bad.body();
  EXPECT_EQ(std::string(bad[bhttp::field::content_type]), "application/problem+json");
  auto problem = Json::parse(bad.body());
  ASSERT_TRUE(problem.contains("errors") && !problem["errors"].empty()) << problem;
  EXPECT_NE(problem["errors"][0]["pointer"].get<std::string>().find("dkdn.json:1"),
            std::string::npos)
      << problem;
  EXPECT_EQ(hub.stop(), 0) << hub.err();
}

}  // namespace
}  // namespace lienthong::testing
