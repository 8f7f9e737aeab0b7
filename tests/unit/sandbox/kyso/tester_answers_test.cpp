// The testers' answer in the holder's place: POST /_sandbox/sign/{tran_id}/approve|reject on the
// kyso mock's port, against the API on a clock the test moves, and once over real HTTP.

#include <gtest/gtest.h>

#include "core/http/client.hpp"
#include "sandbox/kyso/tester_controls.hpp"
#include "sandbox/sandbox.hpp"
#include "tests/unit/sandbox/kyso/remote_signing_test_support.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;
using namespace std::chrono_literals;
using nlohmann::json;

http::Request control(bhttp::verb verb, const std::string& target) {
  http::Request request{verb, target, 11};
  request.prepare_payload();
  return request;
}

std::string approve_path(const std::string& tran_id) {
  return "/_sandbox/sign/" + tran_id + "/approve";
}
std::string reject_path(const std::string& tran_id) {
  return "/_sandbox/sign/" + tran_id + "/reject";
}

// The API with the holders of signers.json (approval 5 s, expiry 180 s) and its tester controls.
struct Rig {
  testing::ApiRig api{SigningTiming{.approval = 5s, .expiry = 180s}};
  TesterControls controls{api.api ? api.api->transactions() : nullptr};

  // Starts a transaction for `user_id` / `cert_name`; its tran_id.
  std::string sign(const char* user_id, const std::string& cert_name, const std::string& tx,
                   const std::string& data = "hồ sơ") {
    const auto answer =
        api.call("/v1/signatures/sign", testing::sign_body(user_id, cert_name, tx, data));
    EXPECT_EQ(answer.http, 200) << answer.body.dump();
    return answer.body["data"]["transaction_id"].get<std::string>();
  }
  testing::Answer status(const std::string& tran_id) const {
    return api.call(testing::status_path(tran_id), testing::credentials());
  }
  // The control's answer: HTTP status and body (JSON or problem+json).
  testing::Answer post(const std::string& target) const {
    auto response = controls.handle(control(bhttp::verb::post, target));
    EXPECT_TRUE(response) << target;
    if (!response) return {};
    return testing::answer_of(*response);
  }
};

TEST(KysoTesterAnswerTest, ApproveBeforeTheDelayIsSuccessAtOnceAndVerifies) {
  Rig rig;
  ASSERT_TRUE(rig.api.api);
  const std::string data = "quyết định 12/QĐ-UBND";
  const auto tran_id = rig.sign(testing::kAn, "signer-an", "tx-approve", data);
  EXPECT_EQ(rig.status(tran_id).body["message"], "PENDING");
  rig.api.advance(1s);  // well before the 5 s approval delay

  const auto approved = rig.post(approve_path(tran_id));
  EXPECT_EQ(approved.http, 200);
  EXPECT_EQ(approved.body["tran_id"], tran_id);
  EXPECT_EQ(approved.body["status"], "SUCCESS");
  EXPECT_EQ(approved.body["answered_by"], "tester");
  EXPECT_EQ(approved.body["status_polls"], 1);  // the answer is not a poll

  const auto status = rig.status(tran_id);
  EXPECT_EQ(status.http, 200);
  EXPECT_EQ(status.body["message"], "SUCCESS");
  ASSERT_EQ(status.body["data"]["signatures"].size(), 1u);
  EXPECT_EQ(status.body["data"]["signatures"][0]["doc_id"], "doc-1");
  EXPECT_TRUE(testing::verifies("signer-an", data,
                                status.body["data"]["signatures"][0]["signature_value"]));
  // Final: past the delay and the expiry it stays SUCCESS with the same values.
  rig.api.advance(200s);
  const auto later = rig.status(tran_id);
  EXPECT_EQ(later.body["message"], "SUCCESS");
  EXPECT_EQ(later.body["data"]["signatures"], status.body["data"]["signatures"]);
}

TEST(KysoTesterAnswerTest, RejectIsRejectedWhateverTheBehaviour) {
  Rig rig;
  ASSERT_TRUE(rig.api.api);
  const auto tran_id = rig.sign(testing::kAn, "signer-an", "tx-reject");  // an approve holder
  const auto rejected = rig.post(reject_path(tran_id));
  EXPECT_EQ(rejected.http, 200);
  EXPECT_EQ(rejected.body["status"], "REJECTED");
  const auto status = rig.status(tran_id);
  EXPECT_EQ(status.body["message"], "REJECTED");
  EXPECT_FALSE(status.body["data"].contains("signatures"));
  rig.api.advance(6s);  // the holder's own approval would come now: the answer stays
  EXPECT_EQ(rig.status(tran_id).body["message"], "REJECTED");
}

TEST(KysoTesterAnswerTest, AnIgnoreHolderCanBeApprovedBeforeTheExpiry) {
  Rig rig;
  ASSERT_TRUE(rig.api.api);
  const std::string data = "giấy phép xây dựng";
  const auto tran_id = rig.sign(testing::kCuong, "signer-cuong", "tx-ignore", data);
  rig.api.advance(179s);
  EXPECT_EQ(rig.status(tran_id).body["message"], "PENDING");
  EXPECT_EQ(rig.post(approve_path(tran_id)).http, 200);
  rig.api.advance(10s);  // past the expiry: still SUCCESS
  const auto status = rig.status(tran_id);
  EXPECT_EQ(status.body["message"], "SUCCESS");
  EXPECT_TRUE(testing::verifies("signer-cuong", data,
                                status.body["data"]["signatures"][0]["signature_value"]));
}

TEST(KysoTesterAnswerTest, AnExplicitApprovalOfAWrongSignatureHolderSignsCorrectly) {
  Rig rig;
  ASSERT_TRUE(rig.api.api);
  const std::string data = "biên bản";
  // On schedule the wrong_signature holder's value does not verify ...
  const auto scheduled = rig.sign(testing::kDung, "signer-dung", "tx-dung-1", data);
  rig.api.advance(5s);
  const auto wrong = rig.status(scheduled);
  EXPECT_EQ(wrong.body["message"], "SUCCESS");
  EXPECT_FALSE(testing::verifies("signer-dung", data,
                                 wrong.body["data"]["signatures"][0]["signature_value"]));
  // ... a tester's approval does.
  const auto tran_id = rig.sign(testing::kDung, "signer-dung", "tx-dung-2", data);
  EXPECT_EQ(rig.post(approve_path(tran_id)).http, 200);
  const auto right = rig.status(tran_id);
  EXPECT_TRUE(testing::verifies("signer-dung", data,
                                right.body["data"]["signatures"][0]["signature_value"]));
}

TEST(KysoTesterAnswerTest, TwiceUnknownAndEndedAreRefused) {
  Rig rig;
  ASSERT_TRUE(rig.api.api);
  const auto tran_id = rig.sign(testing::kAn, "signer-an", "tx-twice");
  EXPECT_EQ(rig.post(approve_path(tran_id)).http, 200);
  const auto again = rig.post(approve_path(tran_id));
  EXPECT_EQ(again.http, 409);
  EXPECT_NE(again.body.dump().find("SUCCESS"), std::string::npos) << again.body.dump();
  EXPECT_EQ(rig.post(reject_path(tran_id)).http, 409);
  EXPECT_EQ(rig.status(tran_id).body["message"], "SUCCESS");

  EXPECT_EQ(rig.post(approve_path("0190a5f2-0000-7000-8000-000000000000")).http, 404);
  EXPECT_EQ(rig.post(reject_path("no-such-transaction")).http, 404);

  // Expired (an ignore holder past kyso_expiry) and answered on schedule: 409, unchanged.
  const auto ignored = rig.sign(testing::kCuong, "signer-cuong", "tx-expired");
  const auto answered = rig.sign(testing::kBinh, "signer-binh", "tx-scheduled");
  rig.api.advance(180s);
  const auto expired = rig.post(approve_path(ignored));
  EXPECT_EQ(expired.http, 409);
  EXPECT_NE(expired.body.dump().find("EXPIRED"), std::string::npos) << expired.body.dump();
  EXPECT_EQ(rig.status(ignored).body["message"], "EXPIRED");
  EXPECT_EQ(rig.post(approve_path(answered)).http, 409);
  EXPECT_EQ(rig.status(answered).body["message"], "REJECTED");

  // The tester view says who answered.
  const auto listed = rig.controls.handle(control(bhttp::verb::get, "/_sandbox/kyso/transactions"));
  ASSERT_TRUE(listed);
  const auto list = json::parse(listed->body());
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["answered_by"], "tester");
  EXPECT_EQ(list[1]["answered_by"], nullptr);
  EXPECT_EQ(list[2]["answered_by"], "holder");
}

TEST(KysoTesterAnswerTest, MethodsPathsAndNoSigningApi) {
  Rig rig;
  ASSERT_TRUE(rig.api.api);
  const auto tran_id = rig.sign(testing::kAn, "signer-an", "tx-methods");
  for (const auto verb : {bhttp::verb::get, bhttp::verb::put, bhttp::verb::delete_}) {
    const auto response = rig.controls.handle(control(verb, approve_path(tran_id)));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->result(), bhttp::status::method_not_allowed);
    EXPECT_EQ((*response)[bhttp::field::allow], "POST");
  }
  EXPECT_EQ(rig.status(tran_id).body["message"], "PENDING");  // nothing changed
  for (const auto& target : std::vector<std::string>{
           "/_sandbox/sign/", "/_sandbox/sign/" + tran_id, "/_sandbox/sign/" + tran_id + "/cancel",
           "/_sandbox/sign//approve", approve_path(tran_id) + "/x"}) {
    EXPECT_EQ(rig.post(target).http, 404) << target;
  }
  EXPECT_EQ(rig.post(approve_path(tran_id) + "?now=1").http, 200);  // the query is ignored
  EXPECT_FALSE(rig.controls.handle(control(bhttp::verb::post, "/_sandbox/signatures")));
  EXPECT_FALSE(rig.controls.handle(control(bhttp::verb::post, "/_sandbox/faults")));

  TesterControls none(nullptr);
  const auto unavailable = none.handle(control(bhttp::verb::post, approve_path(tran_id)));
  ASSERT_TRUE(unavailable);
  EXPECT_EQ(unavailable->result(), bhttp::status::service_unavailable);
}

TEST(KysoTesterAnswerSandboxTest, ApprovesOverHttpNeverFaultedNorLogged) {
  asio::io_context ioc;
  SandboxOptions options;
  options.ports = {{"kyso", 0}};
  options.data_dir = test_support::data_dir();
  options.certs_dir = testing::dev_pki();
  options.kyso_approval = 5s;
  options.kyso_expiry = 60s;
  Sandbox sandbox(ioc, options);
  auto started = sandbox.start();
  ASSERT_TRUE(started) << started.error().detail;
  http::HttpClient client(ioc.get_executor(), http::ClientOptions{});
  const auto origin = *http::Url::parse("http://127.0.0.1:" + std::to_string(sandbox.port("kyso")));
  const std::string data = "approved by a tester";
  const auto body = testing::sign_body(testing::kCuong, "signer-cuong", "tx-http-ctl", data);

  auto json_post = [](const std::string& target, const json& payload) {
    http::Request request{bhttp::verb::post, target, 11};
    request.set(bhttp::field::content_type, "application/json");
    request.body() = payload.dump();
    request.prepare_payload();
    return request;
  };

  auto flow = [&]() -> asio::awaitable<bool> {
    auto sign = co_await client.send(origin, json_post("/v1/signatures/sign", body), 5s);
    EXPECT_TRUE(sign && sign->result() == bhttp::status::ok);
    if (!sign) co_return false;
    const auto tran_id = json::parse(sign->body())["data"]["transaction_id"].get<std::string>();

    // Every request faulted from now on: the control route is not.
    const json fault = {{"mode", "http500"}, {"count", 5}};
    auto armed = co_await client.send(origin, json_post("/_sandbox/faults", fault), 5s);
    EXPECT_TRUE(armed && armed->result() == bhttp::status::ok);
    auto approved =
        co_await client.send(origin, control(bhttp::verb::post, approve_path(tran_id)), 5s);
    EXPECT_TRUE(approved && approved->result() == bhttp::status::ok);
    auto cleared =
        co_await client.send(origin, control(bhttp::verb::delete_, "/_sandbox/faults"), 5s);
    EXPECT_TRUE(cleared);

    auto polled = co_await client.send(
        origin, json_post(testing::status_path(tran_id), testing::credentials()), 5s);
    EXPECT_TRUE(polled);
    if (!polled) co_return false;
    const auto status = json::parse(polled->body());
    EXPECT_EQ(status["message"], "SUCCESS") << status.dump();
    if (status["message"] == "SUCCESS") {
      EXPECT_TRUE(testing::verifies("signer-cuong", data,
                                    status["data"]["signatures"][0]["signature_value"]));
    }

    auto log = co_await client.send(origin, control(bhttp::verb::get, "/_sandbox/requests"), 5s);
    EXPECT_TRUE(log);
    if (!log) co_return false;
    for (const auto& entry : json::parse(log->body())) {
      EXPECT_TRUE(entry["target"].get<std::string>().starts_with("/v1/")) << entry["target"];
    }
    co_await sandbox.shutdown(2s);
    co_return true;
  };
  auto done = test_support::run_until_done(ioc, flow(), 30s);
  ASSERT_TRUE(done);
  EXPECT_TRUE(*done);
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
