// The lienthong binary as operators use it: check-config, map, serve.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli_support.hpp"
#include "core/admin/auth/operator_accounts.hpp"
#include "core/admin/auth/password_hash.hpp"
#include "hub_fixture.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {
namespace {

namespace fs = std::filesystem;

TEST(CheckConfig, TheShippedConfigIsClean) {
  auto r = run("check-config " + std::string(LT_SOURCE_DIR) + "/config/hub.json");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("OK (5 connectors, 13 operations, 2 inbound, 2 clients)"),
            std::string::npos)
      << r.output;
}

TEST_F(CopiedConfig, CheckConfigLocatesEveryMistake) {
  replace_in(hub(), "\"threads\": 2,", "\"threads\": 2,\n  \"thread\": 3,");
  std::ofstream(dir_ / "mappings/dkdn/lookup-enterprise.response.json", std::ios::trunc)
      << "{\n  \"output\": {\n    \"name\": \"{{ /TenTiengViet \"\n";
  replace_in(dir_ / "mappings/dancu/lookup-citizen.request.xml", "{{ /citizenId | required }}",
             "{{ /citizenNumber | required }}");
  auto r = run("check-config " + hub().string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(hub().string() + ":7: thread: unknown key"), std::string::npos)
      << r.output;
  std::regex broken(R"(lookup-enterprise\.response\.json:\d+: .*: .+)");
  EXPECT_TRUE(std::regex_search(r.output, broken)) << r.output;
  std::regex missing(
      R"(lookup-citizen\.request\.xml:(\d+): .*: reads /citizenNumber, which lookup-citizen\.schema\.json does not declare)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.output, m, missing)) << r.output;
  EXPECT_EQ(m[1], "15") << "the line of the rule in the template";
}

TEST_F(CopiedConfig, CheckConfigRefusesAnOrderKeyTheSchemaDoesNotDeclare) {
  replace_in(dir_ / "config/connectors/dvcqg.json", "\"order_key\": \"/dossierCode\"",
             "\"order_key\": \"/dossierNumber\"");
  auto r = run("check-config " + hub().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("operations.sync-dossier.order_key: /dossierNumber is not declared by "
                          "sync-dossier.schema.json"),
            std::string::npos)
      << r.output;
}

TEST_F(CopiedConfig, CheckConfigRefusesAnExampleThatFailsItsSchema) {
  std::ofstream(dir_ / "mappings/dkdn/lookup-enterprise.example.json", std::ios::trunc)
      << "{\n  \"enterpriseCode\": \"123\"\n}\n";
  auto r = run("check-config " + hub().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("lookup-enterprise.example.json:2: enterpriseCode: example does not "
                          "pass its schema"),
            std::string::npos)
      << r.output;
}

TEST_F(CopiedConfig, CheckConfigReportsCertificateProblemsWithoutThePassword) {
  using security::testing::pki_file;
  replace_in(hub(), "\"threads\": 2,",
             "\"threads\": 2,\n  \"listen_tls\": {\n    \"certificate\": \"" +
                 pki_file("expired-chain.pem").string() + "\",\n    \"private_key\": \"" +
                 pki_file("hub-server-key.pem").string() + "\",\n    \"client_ca\": \"" +
                 (dir_ / "missing-ca.pem").string() + "\"\n  },");
  replace_in(dir_ / "config/connectors/dkdn.json", "\"timeout_ms\": 5000,",
             "\"timeout_ms\": 5000,\n  \"tls\": {\n    \"pkcs12\": \"" +
                 pki_file("hub-signing.p12").string() +
                 "\",\n    \"pkcs12_password\": { \"env\": \"LT_TEST_P12_PASSWORD\" }\n  },");
  auto r = run_with_env("LT_TEST_P12_PASSWORD=wrong-secret-4711", "check-config " + hub().string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const std::string h = hub().string();
  EXPECT_NE(r.output.find(h + ":8: listen_tls.certificate: certificate CN=expired-signer"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("expired on 2021-01-01T00:00:00Z"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(h + ":9: listen_tls.private_key: does not match the certificate "
                              "expired-chain.pem"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(h + ":10: listen_tls.client_ca: missing file"), std::string::npos)
      << r.output;
  std::regex p12(R"(dkdn\.json:\d+: tls\.pkcs12: .*wrong PKCS#12 password)");
  EXPECT_TRUE(std::regex_search(r.output, p12)) << r.output;
  EXPECT_EQ(r.output.find("wrong-secret-4711"), std::string::npos) << r.output;
}

TEST(MapCommand, ResponseSampleToCanonicalJson) {
  auto sample = fs::temp_directory_path() / ("lt-map-" + std::to_string(::getpid()) + ".json");
  std::ofstream(sample)
      << R"({"GetEntCert":[{"MaSoDoanhNghiep":"0100109106","TenTiengViet":" CÔNG TY A ",
    "NgayDangKyLanDau":"17/06/2010","TinhTrangPhapLy":[{"MaTinhTrangPhapLy":"02","NgayBatDauTamNgung":"01/02/2024"}],
    "NganhNgheKinhDoanh":[{"MaNganh":"6110","TenNganh":"Viễn thông","LaNganhChinh":true}]}]})";
  auto r = run("map dkdn lookup-enterprise --response " + sample.string() + " --config " +
               std::string(LT_SOURCE_DIR) + "/config/hub.json");
  fs::remove(sample);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto json = nlohmann::json::parse(r.output);
  EXPECT_EQ(json["name"], "CÔNG TY A");
  EXPECT_EQ(json["firstRegisteredOn"], "2010-06-17");
  EXPECT_EQ(json["legalStatus"]["code"], "suspended");
  EXPECT_EQ(json["legalStatus"]["suspendedFrom"], "2024-02-01");
  EXPECT_EQ(json["businessLines"][0]["primary"], true);
}

TEST(MapCommand, NullAnswerMeansNotFound) {
  auto sample = fs::temp_directory_path() / ("lt-map-nf-" + std::to_string(::getpid()) + ".json");
  std::ofstream(sample) << R"({"GetEntCert":null})";
  auto r = run("map dkdn lookup-enterprise --response " + sample.string() + " --config " +
               std::string(LT_SOURCE_DIR) + "/config/hub.json");
  fs::remove(sample);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("no such record"), std::string::npos) << r.output;
}

TEST(MapCommand, RequestExampleToSoap) {
  auto r = run("map dancu lookup-citizen --request " + std::string(LT_SOURCE_DIR) +
               "/mappings/dancu/lookup-citizen.example.json --config " +
               std::string(LT_SOURCE_DIR) + "/config/hub.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("<dc:SoDinhDanh>001089012345</dc:SoDinhDanh>"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("<dc:NgayThangNam>19890517</dc:NgayThangNam>"), std::string::npos);
  EXPECT_EQ(r.output.find("map:"), std::string::npos) << "mapping directives are stripped";
}

TEST(MapCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(run("map dkdn").exit_code, 2);
  EXPECT_EQ(run("nonsense").exit_code, 2);
}

// `lienthong serve` as a newcomer runs it: prints addresses and a dev key, serves, outlives a
// SIGHUP, stops on SIGTERM.
TEST_F(CopiedConfig, ServePrintsWhereItListensAndStopsOnSigterm) {
  replace_in(hub(), "\"port\": 8080", "\"port\": 0");
  replace_in(hub(), "\"port\": 8081", "\"port\": 0");
  replace_in(
      hub(),
      "{ \"dvcqg\": 9101, \"dancu\": 9102, \"dkdn\": 9103, \"paygov\": 9104, \"kyso\": 9105, "
      "\"motcua\": 9106 }",
      "{ \"dvcqg\": 0, \"dancu\": 0, \"dkdn\": 0, \"paygov\": 0, \"kyso\": 0, \"motcua\": 0 }");
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::execl(LT_BINARY, LT_BINARY, "serve", "--config", hub().c_str(), nullptr);
    ::_exit(127);
  }
  ::close(out[1]);
  std::string printed;
  std::array<char, 1024> buf{};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (printed.find("try:") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    auto n = ::read(out[0], buf.data(), buf.size());
    if (n <= 0) break;
    printed.append(buf.data(), static_cast<std::size_t>(n));
  }
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(printed, m, std::regex(R"(provincial API  http://127\.0\.0\.1:(\d+))")))
      << printed;
  auto port = static_cast<std::uint16_t>(std::stoi(m[1]));
  ASSERT_TRUE(std::regex_search(printed, m, std::regex(R"(dev API key     (\S+))"))) << printed;
  std::string key = m[1];
  auto key_file = dir_ / "var/dev-api-key";
  EXPECT_EQ(slurp(key_file), key + "\n");
  EXPECT_EQ(fs::status(key_file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);

  http::Request req{boost::beast::http::verb::post, "/v1/dkdn/lookup-enterprise", 11};
  req.set(boost::beast::http::field::authorization, "Bearer " + key);
  req.set(boost::beast::http::field::content_type, "application/json");
  req.body() = R"({"enterpriseCode":"0100109106"})";
  // The connector points at the default sandbox port, which this copy does not use: the call
  // proves the key works (not 401) and the hub answers a problem, not a crash.
  auto res = send_http(port, http::Request(req));
  EXPECT_NE(res.result_int(), 401) << res.body();

  // `systemctl reload` sends SIGHUP: the hub keeps serving (and still stops cleanly on SIGTERM,
  // which it would not report as exit 0 had SIGHUP ended it).
  ASSERT_EQ(::kill(pid, SIGHUP), 0);
  ASSERT_EQ(::kill(pid, SIGHUP), 0);
  res = send_http(port, std::move(req));
  EXPECT_NE(res.result_int(), 401) << res.body();

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  ::close(out[0]);
}

// `lienthong admin passwd`: the password from stdin, hashed into the operators file (0600),
// read back by the hub's loader; nothing written for a short password or a bad name.
TEST_F(CopiedConfig, AdminPasswdWritesAHashTheHubVerifies) {
  const auto ops = dir_ / "config/operators.json";
  std::ofstream(dir_ / "pass") << "correct horse battery\n";
  auto r = run("admin passwd lan --role operator --config " + hub().string() + " < " +
               (dir_ / "pass").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("added operator lan (operator) in " + ops.string()), std::string::npos)
      << r.output;
  EXPECT_EQ(fs::status(ops).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  const auto text = slurp(ops);
  EXPECT_EQ(text.find("correct horse"), std::string::npos) << text;
  auto accounts = admin::auth::OperatorAccounts::load(ops);
  ASSERT_TRUE(accounts);
  const auto* lan = accounts->find("lan");
  ASSERT_NE(lan, nullptr);
  EXPECT_EQ(lan->role, admin::auth::Role::kOperator);
  EXPECT_TRUE(admin::auth::verify_password("correct horse battery", lan->password_hash).value());

  std::ofstream(dir_ / "short") << "short\n";
  r = run("admin passwd lan --config " + hub().string() + " < " + (dir_ / "short").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("at least 12 characters; nothing written"), std::string::npos);
  EXPECT_EQ(slurp(ops), text);
  // A new password keeps the role; a viewer is added beside.
  std::ofstream(dir_ / "pass2") << "another fine password\n";
  r = run("admin passwd lan --config " + hub().string() + " < " + (dir_ / "pass2").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run("admin passwd minh.nv --config " + hub().string() + " < " + (dir_ / "pass").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  accounts = admin::auth::OperatorAccounts::load(ops);
  ASSERT_TRUE(accounts);
  EXPECT_EQ(accounts->find("lan")->role, admin::auth::Role::kOperator);
  EXPECT_TRUE(
      admin::auth::verify_password("another fine password", accounts->find("lan")->password_hash)
          .value());
  EXPECT_EQ(accounts->find("minh.nv")->role, admin::auth::Role::kViewer);
  EXPECT_EQ(run("admin passwd 'Not A Name' --config " + hub().string() + " < /dev/null").exit_code,
            2);
}

}  // namespace
}  // namespace lienthong::testing
