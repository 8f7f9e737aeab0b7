// The remote-signing API as the sandbox serves it: through KysoMock, with the shared control
// API, faults and request log of MockEndpoint, kyso's own tester route, over real HTTP.

#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/http/client.hpp"
#include "sandbox/kyso/kyso_mock.hpp"
#include "sandbox/kyso/signer_keys.hpp"
#include "sandbox/kyso/tester_controls.hpp"
#include "sandbox/sandbox.hpp"
#include "tests/unit/sandbox/kyso/remote_signing_test_support.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

http::Request post_json(std::string_view target, const json& body) {
  http::Request request{bhttp::verb::post, target, 11};
  request.set(bhttp::field::content_type, "application/json");
  request.body() = body.dump();
  request.prepare_payload();
  return request;
}

http::Request plain(bhttp::verb verb, std::string_view target) {
  http::Request request{verb, target, 11};
  request.prepare_payload();
  return request;
}

SandboxOptions kyso_options(const fs::path& certs_dir = testing::dev_pki()) {
  SandboxOptions options;
  options.ports = {{"kyso", 0}};
  options.data_dir = test_support::data_dir();
  options.certs_dir = certs_dir;
  options.kyso_approval = 100ms;
  options.kyso_expiry = 10s;
  return options;
}

TEST(KysoSigningMockTest, KysoMockRoutesV1ToTheApiAndKeepsOcspFaults) {
  testing::ApiRig rig;
  ASSERT_TRUE(rig.api);
  auto mock = KysoMock::load(OcspResponderFiles::in_dev_pki(testing::dev_pki()), {}, {}, rig.api);
  ASSERT_TRUE(mock) << mock.error().front().to_string();
  const auto sign =
      post_json("/v1/signatures/sign", testing::sign_body(testing::kAn, "signer-an", "tx-mock"));
  const auto answer = testing::answer_of((*mock)->handle(sign));
  EXPECT_EQ(answer.http, 200);
  EXPECT_EQ(answer.body["status_code"], 200);
  const auto failed = testing::answer_of((*mock)->injected_failure(sign));
  EXPECT_EQ(failed.http, 500);
  EXPECT_EQ(failed.body["status_code"], 500);
  // The OCSP responder's fault stays an OCSP answer.
  const auto ocsp = (*mock)->injected_failure(plain(bhttp::verb::post, "/ocsp"));
  EXPECT_EQ(ocsp[bhttp::field::content_type], kOcspResponseType);

  auto without = KysoMock::load(OcspResponderFiles::in_dev_pki(testing::dev_pki()));
  ASSERT_TRUE(without);
  const auto unavailable = testing::answer_of((*without)->handle(sign));
  EXPECT_EQ(unavailable.http, 503);
  EXPECT_NE(unavailable.body["message"].get<std::string>().find("gen-dev-pki.sh"),
            std::string::npos);
  EXPECT_EQ((*without)->handle(plain(bhttp::verb::post, "/credentials/get_certificate")).result(),
            bhttp::status::not_found);
}

TEST(KysoSigningMockTest, TesterControlsListTheTransactions) {
  testing::ApiRig rig;
  ASSERT_TRUE(rig.api);
  TesterControls controls(rig.api->transactions());
  EXPECT_FALSE(controls.handle(plain(bhttp::verb::get, "/_sandbox/requests")));
  EXPECT_FALSE(controls.handle(plain(bhttp::verb::get, "/v1/signatures/sign")));
  auto body = testing::sign_body(testing::kAn, "signer-an", "tx-ctl");
  rig.call("/v1/signatures/sign", body);
  rig.call("/v1/signatures/sign", body);
  auto listed = controls.handle(plain(bhttp::verb::get, "/_sandbox/kyso/transactions"));
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->result(), bhttp::status::ok);
  const auto list = json::parse(listed->body());
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["transaction_id"], "tx-ctl");
  EXPECT_EQ(list[0]["user_id"], testing::kAn);
  EXPECT_EQ(list[0]["sign_requests"], 2);
  EXPECT_EQ(list[0]["status_polls"], 0);
  EXPECT_EQ(list[0]["approvals"], 1);
  EXPECT_EQ(list[0]["status"], "PENDING");
  EXPECT_EQ(list[0]["doc_ids"], json::array({"doc-1"}));
  EXPECT_EQ(controls.handle(plain(bhttp::verb::post, "/_sandbox/kyso/transactions"))->result(),
            bhttp::status::method_not_allowed);
  EXPECT_EQ(controls.handle(plain(bhttp::verb::delete_, "/_sandbox/kyso/transactions"))->result(),
            bhttp::status::no_content);
  EXPECT_TRUE(rig.api->transactions()->list().empty());
  TesterControls none(nullptr);
  EXPECT_EQ(none.handle(plain(bhttp::verb::get, "/_sandbox/kyso/transactions"))->result(),
            bhttp::status::service_unavailable);
}

TEST(KysoSigningMockTest, KeyringRefusesACertificateTheCaDidNotIssue) {
  // root-ca.pem + root-ca-key.pem exist, but the intermediate did not issue them.
  auto accounts = SignerAccounts::parse(R"([
    {"user_id": "079085001234", "full_name": "A", "certificate": "signer-an", "behaviour": "approve"},
    {"user_id": "001190004321", "full_name": "B", "certificate": "root-ca", "behaviour": "approve"}
  ])",
                                        "signers.json");
  ASSERT_TRUE(accounts);
  EXPECT_TRUE(SignerKeyring::missing_files(*accounts, testing::dev_pki()).empty());
  auto keys = SignerKeyring::load(*accounts, testing::dev_pki());
  ASSERT_FALSE(keys);
  ASSERT_EQ(keys.error().size(), 1u);
  EXPECT_EQ(keys.error()[0].file, "signers.json");
  EXPECT_EQ(keys.error()[0].line, 3);
  EXPECT_EQ(keys.error()[0].key_path, "1.certificate");
  EXPECT_NE(keys.error()[0].reason.find("not issued by intermediate-ca.pem"), std::string::npos);
  auto missing = SignerAccounts::parse(
      R"([{"user_id": "079085001234", "full_name": "A", "certificate": "signer-nobody",
           "behaviour": "approve"}])",
      "signers.json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(SignerKeyring::missing_files(*missing, testing::dev_pki()).size(), 2u);
}

TEST(KysoSigningSandboxTest, SignsOverHttpWithFaultsLogAndTesterView) {
  asio::io_context ioc;
  Sandbox sandbox(ioc, kyso_options());
  auto started = sandbox.start();
  ASSERT_TRUE(started) << started.error().detail;
  http::HttpClient client(ioc.get_executor(), http::ClientOptions{});
  const auto origin = *http::Url::parse("http://127.0.0.1:" + std::to_string(sandbox.port("kyso")));
  const std::string data = "dossier over http";
  const auto body = testing::sign_body(testing::kAn, "signer-an", "tx-http", data);
  const json fault = {{"mode", "http500"}, {"count", 1}};
  const auto credentials = testing::credentials();

  auto flow = [&]() -> asio::awaitable<bool> {
    // One injected 500 in the API's envelope: the CA did not take the request.
    auto arm = post_json("/_sandbox/faults", fault);
    auto armed = co_await client.send(origin, std::move(arm), 5s);
    EXPECT_TRUE(armed && armed->result() == bhttp::status::ok);
    auto faulted = post_json("/v1/signatures/sign", body);
    auto failed = co_await client.send(origin, std::move(faulted), 5s);
    EXPECT_TRUE(failed);
    if (!failed) co_return false;
    EXPECT_EQ(failed->result(), bhttp::status::internal_server_error);
    EXPECT_EQ(json::parse(failed->body())["status_code"], 500);

    auto sign_first = post_json("/v1/signatures/sign", body);
    auto first = co_await client.send(origin, std::move(sign_first), 5s);
    auto sign_again = post_json("/v1/signatures/sign", body);
    auto again = co_await client.send(origin, std::move(sign_again), 5s);
    EXPECT_TRUE(first && again);
    if (!first || !again) co_return false;
    EXPECT_EQ(first->result(), bhttp::status::ok);
    const auto tran_id = json::parse(first->body())["data"]["transaction_id"].get<std::string>();
    EXPECT_EQ(json::parse(again->body())["data"]["transaction_id"], tran_id);

    json status;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
      auto poll = post_json(testing::status_path(tran_id), credentials);
      auto polled = co_await client.send(origin, std::move(poll), 5s);
      EXPECT_TRUE(polled);
      if (!polled) co_return false;
      status = json::parse(polled->body());
      if (status["message"] != "PENDING") break;
      asio::steady_timer tick(ioc, 20ms);
      co_await tick.async_wait(asio::use_awaitable);
    }
    EXPECT_EQ(status["message"], "SUCCESS");
    EXPECT_TRUE(
        testing::verifies("signer-an", data, status["data"]["signatures"][0]["signature_value"]));

    auto list_request = plain(bhttp::verb::get, "/_sandbox/kyso/transactions");
    auto view = co_await client.send(origin, std::move(list_request), 5s);
    EXPECT_TRUE(view && view->result() == bhttp::status::ok);
    if (!view) co_return false;
    const auto list = json::parse(view->body());
    EXPECT_EQ(list.size(), 1u);
    if (list.size() == 1) {
      EXPECT_EQ(list[0]["tran_id"], tran_id);
      EXPECT_EQ(list[0]["sign_requests"], 2);  // the faulted one never reached the CA
      EXPECT_GE(list[0]["status_polls"].get<int>(), 1);
      EXPECT_EQ(list[0]["status"], "SUCCESS");
    }

    // The business requests are in the shared log; the control routes are not.
    auto log_request = plain(bhttp::verb::get, "/_sandbox/requests");
    auto log = co_await client.send(origin, std::move(log_request), 5s);
    EXPECT_TRUE(log);
    if (!log) co_return false;
    const auto entries = json::parse(log->body());
    for (const auto& entry : entries) {
      EXPECT_TRUE(entry["target"].get<std::string>().starts_with("/v1/")) << entry["target"];
    }
    EXPECT_GE(entries.size(), 4u);
    co_await sandbox.shutdown(2s);
    co_return true;
  };
  auto done = test_support::run_until_done(ioc, flow(), 30s);
  ASSERT_TRUE(done);
  EXPECT_TRUE(*done);
}

TEST(KysoSigningSandboxTest, ADevPkiWithoutSignersStillServesOcspAndSays503) {
  // A copy of the dev PKI as it was before the signer certificates.
  const auto dir = security::testing::fresh_temp_dir("kyso-old-pki");
  fs::copy(testing::dev_pki(), dir, fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with("signer-")) fs::remove(entry.path());
  }
  asio::io_context ioc;
  Sandbox sandbox(ioc, kyso_options(dir));
  auto started = sandbox.start();
  ASSERT_TRUE(started) << started.error().detail;
  http::HttpClient client(ioc.get_executor(), http::ClientOptions{});
  const auto origin = *http::Url::parse("http://127.0.0.1:" + std::to_string(sandbox.port("kyso")));
  const auto body = testing::sign_body(testing::kAn, "signer-an", "tx-old");
  auto flow = [&]() -> asio::awaitable<bool> {
    auto request = post_json("/v1/signatures/sign", body);
    auto sign = co_await client.send(origin, std::move(request), 5s);
    EXPECT_TRUE(sign && sign->result() == bhttp::status::service_unavailable);
    http::Request ocsp{bhttp::verb::post, "/ocsp", 11};
    ocsp.set(bhttp::field::content_type, "application/ocsp-request");
    ocsp.body() = "not DER";
    ocsp.prepare_payload();
    auto malformed = co_await client.send(origin, std::move(ocsp), 5s);
    EXPECT_TRUE(malformed && malformed->result() == bhttp::status::ok);
    co_await sandbox.shutdown(2s);
    co_return true;
  };
  auto done = test_support::run_until_done(ioc, flow(), 30s);
  ASSERT_TRUE(done);
  fs::remove_all(dir);
}

TEST(KysoSigningSandboxTest, ABrokenSignersFileStopsTheStart) {
  const auto dir = security::testing::fresh_temp_dir("kyso-bad-data");
  security::testing::write_file(dir / "signers.json", R"([{"user_id": "1"}])");
  auto options = kyso_options();
  options.data_dir = dir;
  asio::io_context ioc;
  Sandbox sandbox(ioc, options);
  auto started = sandbox.start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().detail.find("signers.json:1: 0.user_id"), std::string::npos)
      << started.error().detail;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
