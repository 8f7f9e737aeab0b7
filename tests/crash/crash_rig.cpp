#include "crash_rig.hpp"

#include <unistd.h>

#include <fstream>
#include <random>
#include <regex>

#include "core/base/digest.hpp"
#include "http_call.hpp"
#include "tests/integration/cli_support.hpp"

namespace lienthong::crash {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// The shipped files carry // comments; the copies are written back as plain JSON.
json read_commented(const fs::path& file) {
  return json::parse(testing::slurp(file), nullptr, /*allow_exceptions=*/true,
                     /*ignore_comments=*/true);
}

void write_json(const fs::path& file, const json& value) {
  std::ofstream(file, std::ios::trunc) << value.dump(2) << '\n';
}

// Start-up reads mappings and opens the store; a loaded machine is slow at it.
constexpr auto kStartTimeout = 60s;

}  // namespace

CrashRig::CrashRig(const std::string& name, RigOptions options) : options_(std::move(options)) {
  std::random_device rd;
  dir_ = fs::temp_directory_path() /
         ("lt-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 100000));
  fs::remove_all(dir_);
  fs::create_directories(dir_ / "config/connectors");
  fs::create_directories(dir_ / "var");
  for (std::size_t i = 0; i < options_.hubs; ++i) hubs_.push_back(std::make_unique<Hub>());
  write_hub_config();
  write_dvcqg_connector();
  if (options_.paygov) write_paygov_connector();
}

CrashRig::~CrashRig() {
  for (auto& h : hubs_) h->process.reset();  // SIGTERM and wait
  sandbox_.reset();
  fs::remove_all(dir_);
}

// Only the dvcqg connector: the crash and soak runs drive nothing else, and fewer connectors
// mean a faster restart.
void CrashRig::write_hub_config() {
  const fs::path src(LT_SOURCE_DIR);
  auto hub = read_commented(src / "config/hub.json");
  hub["listen"] = {{"host", "127.0.0.1"}, {"port", 0}};
  hub["admin"] = {{"host", "127.0.0.1"}, {"port", 0}};
  hub["log_level"] = "warn";
  hub["var_dir"] = (dir_ / "var").string();
  hub["mappings_dir"] = (src / "mappings").string();
  hub["connectors_dir"] = "connectors";
  hub["clients"] = json::array(
      {{{"name", "crash"}, {"api_key_sha256", lienthong::sha256_hex(kKey)}, {"allow", {"*"}}}});
  if (options_.paygov) {
    hub["clients"].push_back({{"name", "paygov-platform"},
                              {"api_key_sha256", lienthong::sha256_hex(kPaygovKey)},
                              {"allow", json::array()},
                              {"allow_inbound", {"paygov/payment-notice"}}});
    hub["provincial_targets"]["motcua"]["url"] =
        "http://127.0.0.1:" + std::to_string(motcua_port_ == 0 ? 9 : motcua_port_) +
        "/lienthong/inbound";
    hub["provincial_targets"]["motcua"]["delivery"] = options_.retry;
  }
  json store = options_.store.empty()
                   ? json{{"type", "sqlite"}, {"path", (dir_ / "var/lienthong.db").string()}}
                   : options_.store;
  store["lease_ms"] = options_.lease_ms;
  hub["store"] = store;
  hub["delivery"] = {{"concurrency", options_.concurrency}};
  // No TSA: no connector of these runs signs documents, and the journal's stamps are not what
  // they prove (its chain is: `evidence verify` after the kills).
  hub.erase("time_stamp_authority");
  hub["evidence"]["archive_key"]["file"] = (src / "certs/dev/evidence-archive.key").string();
  auto& sandbox = hub["sandbox"];
  sandbox["ports"] = {{"dvcqg", 0}};
  if (options_.paygov) {
    sandbox["ports"]["paygov"] = 0;
    sandbox["ports"]["motcua"] = 0;
  }
  sandbox["data_dir"] = (src / "sandbox/data").string();
  sandbox.erase("certs_dir");  // dvcqg needs no certificates
  sandbox["request_log_capacity"] = options_.request_log_capacity;
  write_json(dir_ / "config/hub.json", hub);
}

void CrashRig::write_dvcqg_connector() {
  auto dvcqg = read_commented(fs::path(LT_SOURCE_DIR) / "config/connectors/dvcqg.json");
  dvcqg["base_url"] = "http://127.0.0.1:" + std::to_string(dvcqg_port_ == 0 ? 9 : dvcqg_port_);
  dvcqg["timeout_ms"] = options_.dvcqg_timeout_ms;
  dvcqg["delivery"] = options_.retry;
  if (!options_.circuit.empty()) dvcqg["circuit"] = options_.circuit;
  write_json(dir_ / "config/connectors/dvcqg.json", dvcqg);
}

void CrashRig::write_paygov_connector() {
  auto paygov = read_commented(fs::path(LT_SOURCE_DIR) / "config/connectors/paygov.json");
  paygov["base_url"] = "http://127.0.0.1:" + std::to_string(paygov_port_ == 0 ? 9 : paygov_port_);
  paygov["delivery"] = options_.retry;
  write_json(dir_ / "config/connectors/paygov.json", paygov);
}

std::string CrashRig::start_sandbox() {
  sandbox_ = std::make_unique<testing::ChildProcess>(
      std::vector<std::string>{LT_BINARY, "sandbox", "--config",
                               (dir_ / "config/hub.json").string()},
      dir_ / "sandbox");
  auto port =
      sandbox_->wait_for_stdout(std::regex(R"(  dvcqg http://127\.0\.0\.1:(\d+))"), kStartTimeout);
  if (!port) return "the sandbox did not start:\n" + sandbox_->out() + sandbox_->err();
  dvcqg_port_ = static_cast<std::uint16_t>(std::stoi((*port)[1]));
  write_dvcqg_connector();
  if (options_.paygov) {
    auto paygov = sandbox_->wait_for_stdout(std::regex(R"(  paygov http://127\.0\.0\.1:(\d+))"),
                                            kStartTimeout);
    auto motcua = sandbox_->wait_for_stdout(std::regex(R"(  motcua http://127\.0\.0\.1:(\d+))"),
                                            kStartTimeout);
    if (!paygov || !motcua)
      return "the sandbox did not start paygov and motcua:\n" + sandbox_->out();
    paygov_port_ = static_cast<std::uint16_t>(std::stoi((*paygov)[1]));
    motcua_port_ = static_cast<std::uint16_t>(std::stoi((*motcua)[1]));
    write_paygov_connector();
    write_hub_config();
  }
  return "";
}

std::string CrashRig::start_hub(std::size_t index) {
  auto& hub = *hubs_.at(index);
  hub.port = 0;
  const auto stem = dir_ / ("hub" + std::to_string(index) + "-run" + std::to_string(++hub.runs));
  // Each hub its own evidence chain (the config file is shared, as on real nodes).
  hub.process = std::make_unique<testing::ChildProcess>(
      std::vector<std::string>{"/usr/bin/env", "LIENTHONG_NODE=hub" + std::to_string(index),
                               LT_BINARY, "serve", "--no-sandbox", "--config",
                               (dir_ / "config/hub.json").string()},
      stem);
  auto port = hub.process->wait_for_stdout(
      std::regex(R"(provincial API  http://127\.0\.0\.1:(\d+))"), kStartTimeout);
  if (!port) {
    return "hub " + std::to_string(index) + " did not start:\n" + hub.process->out() +
           hub.process->err();
  }
  hub.port = static_cast<std::uint16_t>(std::stoi((*port)[1]));
  return "";
}

bool CrashRig::kill_hub(std::size_t index) {
  auto& hub = *hubs_.at(index);
  hub.port = 0;
  return hub.process && hub.process->kill_now();
}

int CrashRig::stop_hub(std::size_t index) {
  auto& hub = *hubs_.at(index);
  hub.port = 0;
  return hub.process ? hub.process->stop() : -1;
}

std::uint16_t CrashRig::hub_port(std::size_t index) const {
  return hubs_.at(index)->port;
}

pid_t CrashRig::hub_pid(std::size_t index) const {
  const auto& p = hubs_.at(index)->process;
  return p ? p->pid() : -1;
}

std::string CrashRig::hub_logs(std::size_t bytes) const {
  std::string all;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    if (entry.path().extension() == ".err" && entry.path().filename().string().starts_with("hub")) {
      auto text = testing::read_text(entry.path());
      if (text.empty()) continue;
      all += "--- " + entry.path().filename().string() + "\n" + text;
    }
  }
  return all.size() > bytes ? all.substr(all.size() - bytes) : all;
}

std::optional<CrashRig::MockLog> CrashRig::mock_log(std::string_view mock) const {
  http::Request req{boost::beast::http::verb::get, "/_sandbox/requests", 11};
  const auto port = mock == "paygov" ? paygov_port_ : mock == "motcua" ? motcua_port_ : dvcqg_port_;
  auto res = try_http(port, std::move(req), 60s);
  if (!res || res->result_int() != 200) return std::nullopt;
  MockLog log;
  log.requests = json::parse(res->body(), nullptr, false);
  if (!log.requests.is_array()) return std::nullopt;
  const std::string duplicates((*res)["X-Sandbox-Duplicates"]);  // dvcqg's de-duplication
  log.duplicates = duplicates.empty() ? 0 : std::stoull(duplicates);
  return log;
}

std::string CrashRig::set_faults(const std::string& body) const {
  http::Request req{
      body.empty() ? boost::beast::http::verb::delete_ : boost::beast::http::verb::post,
      "/_sandbox/faults", 11};
  if (!body.empty()) {
    req.set(boost::beast::http::field::content_type, "application/json");
    req.body() = body;
  }
  auto res = try_http(dvcqg_port_, std::move(req), 30s);
  if (!res) return "the sandbox did not answer";
  const int want = body.empty() ? 204 : 200;
  return static_cast<int>(res->result_int()) == want ? "" : res->body();
}

}  // namespace lienthong::crash
