// DESIGN non-negotiable: personal data and secrets never reach a log line in clear. Runs the
// `lienthong sandbox` and `lienthong serve` binaries (log_level debug, free ports), drives
// lookups for sandbox citizens and enterprises including the error paths, then scans every line
// both wrote to stderr for every scenario value of the sandbox data and every secret in play.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "child_process.hpp"
#include "core/base/digest.hpp"
#include "hub_fixture.hpp"
#include "scenario_values.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

class LogMasking : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lt-logmask-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "config/connectors");
    const fs::path src(LT_SOURCE_DIR);
    for (const auto& f : fs::directory_iterator(src / "config/connectors")) {
      fs::copy(f.path(), dir_ / "config/connectors" / f.path().filename());
    }
    const auto pki = security::testing::dev_pki();
    // The copied connectors name their certificates as ../../certs/dev/...: the test PKI.
    fs::create_directories(dir_ / "certs");
    fs::create_directory_symlink(pki, dir_ / "certs/dev");
    p12_password_ = read_text(pki / "hub-signing.p12.pass");
    p12_password_ = p12_password_.substr(0, p12_password_.find('\n'));
    json hub = {
        {"listen", {{"host", "127.0.0.1"}, {"port", 0}}},
        {"admin", {{"host", "127.0.0.1"}, {"port", 0}}},
        {"log_level", "debug"},
        {"var_dir", (dir_ / "var").string()},
        // dkdn.json archives its bodies: sealed with the test PKI's archive key.
        {"evidence",
         {{"archive_key", {{"id", "test-1"}, {"file", (pki / "evidence-archive.key").string()}}}}},
        {"mappings_dir", (src / "mappings").string()},
        {"clients",
         {{{"name", "dev"},
           {"api_key_file", (dir_ / "var/dev-api-key").string()},
           {"create_key_if_missing", true},
           {"allow", {"*"}}},
          {{"name", "limited"},
           {"api_key_sha256", lienthong::sha256_hex("limited-key")},
           {"allow", {"dkdn/*"}}}}},
        // The copied dvcqg.json pushes its inbound callbacks here (none in this test).
        {"provincial_targets",
         {{"motcua",
           {{"url", "http://127.0.0.1:9/lienthong/inbound"},
            {"auth", {{"type", "bearer"}, {"token", {{"value", "sandbox-motcua-token"}}}}}}}}},
        {"sandbox",
         {{"host", "127.0.0.1"},
          {"ports", {{"dancu", 0}, {"dkdn", 0}, {"kyso", 0}}},
          {"certs_dir", pki.string()},
          {"data_dir", (src / "sandbox/data").string()},
          {"dkdn_token", {{"value", kDkdnToken}}}}}};
    std::ofstream(dir_ / "config/hub.json") << hub.dump(2);
    hub_json_ = (dir_ / "config/hub.json").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Points the copied connectors at the running sandbox; dkdn also gets a PKCS#12 whose
  // password (from a file, as in production) the hub resolves at start-up.
  void point_connectors_at(std::uint16_t dancu, std::uint16_t dkdn, std::uint16_t kyso) {
    auto rewrite = [&](const std::string& id, const std::string& scheme, std::uint16_t port,
                       const std::string& extra) {
      const auto file = dir_ / "config/connectors" / (id + ".json");
      auto text = read_text(file);
      const auto at = text.find("\"base_url\"");
      const auto end = text.find('\n', at);
      text.replace(
          at, end - at,
          "\"base_url\": \"" + scheme + "://127.0.0.1:" + std::to_string(port) + "\"," + extra);
      std::ofstream(file, std::ios::trunc) << text;
    };
    const auto pki = security::testing::dev_pki();
    rewrite("dancu", "https", dancu, "");
    const auto file = dir_ / "config/connectors/dancu.json";
    auto text = read_text(file);
    const std::string policy = "\"ocsp\": \"hard-fail\"";
    text.replace(text.find(policy), policy.size(),
                 policy + ", \"ocsp_url\": \"http://127.0.0.1:" + std::to_string(kyso) + "/ocsp\"");
    std::ofstream(file, std::ios::trunc) << text;
    rewrite("dkdn", "http", dkdn,
            "\n  \"tls\": {\"pkcs12\": \"" + (pki / "hub-signing.p12").string() +
                "\", \"pkcs12_password\": {\"file\": \"" + (pki / "hub-signing.p12.pass").string() +
                "\"}},");
  }

  static constexpr const char* kDkdnToken = "sandbox-dkdn-token";
  fs::path dir_;
  std::string hub_json_;
  std::string p12_password_;
};

http::Response call(std::uint16_t port, const std::string& target, const std::string& body,
                    const std::string& key) {
  http::Request req{boost::beast::http::verb::post, target, 11};
  if (!key.empty()) req.set(boost::beast::http::field::authorization, "Bearer " + key);
  req.set(boost::beast::http::field::content_type, "application/json");
  req.body() = body;
  return send_http(port, std::move(req));
}

TEST_F(LogMasking, NoScenarioValueOrSecretReachesALogLineInClear) {
  const fs::path src(LT_SOURCE_DIR);
  const auto& citizens = sandbox_citizens();
  const auto& enterprises = sandbox_enterprises();

  ChildProcess mocks({LT_BINARY, "sandbox", "--config", hub_json_}, dir_ / "sandbox");
  auto dkdn = mocks.wait_for_stdout(std::regex(R"(  dkdn http://127\.0\.0\.1:(\d+))"), 30s);
  auto dancu = mocks.wait_for_stdout(std::regex(R"(  dancu https://127\.0\.0\.1:(\d+))"), 30s);
  auto kyso = mocks.wait_for_stdout(std::regex(R"(  kyso http://127\.0\.0\.1:(\d+))"), 30s);
  ASSERT_TRUE(dkdn && dancu && kyso) << mocks.out() << mocks.err();
  point_connectors_at(static_cast<std::uint16_t>(std::stoi((*dancu)[1])),
                      static_cast<std::uint16_t>(std::stoi((*dkdn)[1])),
                      static_cast<std::uint16_t>(std::stoi((*kyso)[1])));

  ChildProcess hub({LT_BINARY, "serve", "--no-sandbox", "--config", hub_json_}, dir_ / "serve");
  auto api = hub.wait_for_stdout(std::regex(R"(provincial API  http://127\.0\.0\.1:(\d+))"), 30s);
  auto key = hub.wait_for_stdout(std::regex(R"(dev API key     (\S+))"), 30s);
  ASSERT_TRUE(api && key) << hub.out() << hub.err();
  const auto port = static_cast<std::uint16_t>(std::stoi((*api)[1]));
  const std::string dev_key = (*key)[1];

  // Citizens: right, mismatched name and birth date, invalid ID, unknown ID, wrong key, no
  // rights, malformed body.
  std::multiset<int> statuses;
  const std::string citizen = "/v1/dancu/lookup-citizen";
  std::size_t driven = 0;
  int citizens_found = 0;
  for (const auto& c : citizens) {
    if (birth_date(c).size() != 8) continue;
    if (++driven > 8) break;
    const auto dob = iso_date(birth_date(c));
    json ok = {{"citizenId", c["SoDinhDanh"]}, {"fullName", full_name(c)}, {"dateOfBirth", dob}};
    const int found = call(port, citizen, ok.dump(), dev_key).result_int();
    statuses.insert(found);
    citizens_found += found == 200 ? 1 : 0;
    json wrong_name = ok;
    wrong_name["fullName"] = without_diacritics(full_name(c));
    statuses.insert(call(port, citizen, wrong_name.dump(), dev_key).result_int());
    json wrong_dob = ok;
    wrong_dob["dateOfBirth"] = "2001-01-01";
    statuses.insert(call(port, citizen, wrong_dob.dump(), dev_key).result_int());
    statuses.insert(call(port, citizen, ok.dump(), "wrong-" + dev_key).result_int());
    statuses.insert(call(port, citizen, ok.dump(), "limited-key").result_int());
    statuses.insert(call(port, citizen, ok.dump().substr(0, 40), dev_key).result_int());
  }
  // Malformed, invalid (sandbox scenario), not found (scenario).
  for (const char* id : {"12345", "00108901234X", "001489012345", "079200000001"}) {
    json bad = {{"citizenId", id}, {"fullName", "Nguyễn Văn An"}, {"dateOfBirth", "1989-05-17"}};
    statuses.insert(call(port, citizen, bad.dump(), dev_key).result_int());
  }
  // Enterprises: every one, an invalid code and an unknown one.
  const std::string enterprise = "/v1/dkdn/lookup-enterprise";
  std::vector<std::string> message_ids;
  for (const auto& e : enterprises) {
    json ok = {{"enterpriseCode", e["MaSoDoanhNghiep"]}};
    auto res = call(port, enterprise, ok.dump(), dev_key);
    statuses.insert(res.result_int());
    message_ids.emplace_back(res["X-Message-ID"]);
  }
  // Malformed, invalid check digit, unknown (sandbox scenarios).
  for (const char* code : {"123", "01001091", "0100109107", "0100100008"}) {
    statuses.insert(
        call(port, enterprise, json{{"enterpriseCode", code}}.dump(), dev_key).result_int());
  }
  // The drive must have gone through the hub's success and error paths, signed lookups included.
  EXPECT_EQ(citizens_found, 8) << "signed dancu lookups did not succeed";
  for (int status : {200, 400, 401, 403, 404}) {
    EXPECT_GT(statuses.count(status), 0u) << "no " << status << " answer";
  }
  EXPECT_EQ(hub.stop(), 0);
  EXPECT_EQ(mocks.stop(), 0);

  auto values = scenario_values();
  values[dev_key] = "dev API key";
  values[kDkdnToken] = "dkdn bearer token";
  values[p12_password_] = "PKCS#12 password";
  const std::string logs = hub.err() + mocks.err();
  expect_no_leaks(logs, values);
  const auto count = static_cast<std::size_t>(std::count(logs.begin(), logs.end(), '\n'));
  EXPECT_GT(count, 50u) << "the drive should have logged something:\n" << logs;
  // Masking must not make the log useless: message ids stay whole, so exchanges can be traced.
  for (const auto& id : message_ids) {
    EXPECT_NE(logs.find("id=" + id), std::string::npos) << id << " not in the log:\n" << logs;
  }
}

}  // namespace
}  // namespace lienthong::testing
