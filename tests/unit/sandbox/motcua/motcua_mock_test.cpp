#include "sandbox/motcua/motcua_mock.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "sandbox/motcua/inbound_message.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::motcua {
namespace {

namespace bhttp = http::beast::http;
using Json = nlohmann::json;
using test_support::make_request;

Json status_message() {
  return {{"event", "dossier-status"},
          {"source", "dvcqg"},
          {"dossierCode", "000.00.01.H22-261201-0001"},
          {"status", 4},
          {"state", "processing"},
          {"changedAt", "2026-12-01T09:30:00+07:00"}};
}

class MotcuaMockTest : public ::testing::Test {
 protected:
  http::Response push(const Json& body, const std::string& id = "m-1",
                      const std::string& auth = "Bearer tok",
                      const std::string& flow = std::string(kStatusCallbackFlow),
                      const std::string& content_type = "application/json",
                      const std::string& target = std::string(kDefaultPath)) {
    auto request = make_request(bhttp::verb::post, target, body.dump());
    if (!auth.empty()) request.set("Authorization", auth);
    if (!id.empty()) request.set("X-Message-ID", id);
    if (!flow.empty()) request.set("X-Lienthong-Inbound", flow);
    if (!content_type.empty()) request.set("Content-Type", content_type);
    return mock_.handle(request);
  }
  static std::string code(const http::Response& r) {
    return Json::parse(r.body()).value("code", std::string());
  }

  MotcuaMock mock_{"tok"};
};

TEST_F(MotcuaMockTest, AcceptsTheCanonicalMessage) {
  auto r = push(status_message());
  EXPECT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(Json::parse(r.body()), (Json{{"code", "ok"}, {"messageId", "m-1"}}));
  EXPECT_EQ(r.find(kDuplicateHeader), r.end());
}

TEST_F(MotcuaMockTest, ARepeatedMessageIdIsAnsweredAsADuplicate) {
  ASSERT_EQ(push(status_message(), "m-7").result_int(), 200);
  auto again = push(status_message(), "m-7");
  EXPECT_EQ(again.result_int(), 200);
  EXPECT_NE(again.find(kDuplicateHeader), again.end());
  auto other = push(status_message(), "m-8");
  EXPECT_EQ(other.find(kDuplicateHeader), other.end());
}

TEST_F(MotcuaMockTest, RefusesWrongCredentialsPathMethodAndMediaType) {
  EXPECT_EQ(push(status_message(), "m-1", "").result_int(), 401);
  EXPECT_EQ(push(status_message(), "m-1", "Bearer other").result_int(), 401);
  EXPECT_EQ(push(status_message(), "m-1", "Basic tok").result_int(), 401);
  EXPECT_EQ(push(status_message(), "m-1", "Bearer tok", std::string(kStatusCallbackFlow),
                 "application/json", "/other")
                .result_int(),
            404);
  EXPECT_EQ(
      push(status_message(), "m-1", "Bearer tok", std::string(kStatusCallbackFlow), "text/plain")
          .result_int(),
      415);
  auto get = make_request(bhttp::verb::get, kDefaultPath, {}, {{"Authorization", "Bearer tok"}});
  EXPECT_EQ(mock_.handle(get).result_int(), 405);
}

TEST_F(MotcuaMockTest, RefusesAPushWithoutMessageIdOrOfAnUnknownFlow) {
  auto no_id = push(status_message(), "");
  EXPECT_EQ(no_id.result_int(), 400);
  EXPECT_EQ(code(no_id), "missing_message_id");
  auto flow = push(status_message(), "m-2", "Bearer tok", "paygov/ipn");
  EXPECT_EQ(flow.result_int(), 400);
  EXPECT_EQ(code(flow), "invalid_message");
}

TEST(InboundMessage, ChecksTheStatusMessageStrictly) {
  EXPECT_EQ(check_inbound_message(kStatusCallbackFlow, status_message()), std::nullopt);
  auto without_time = status_message();
  without_time.erase("changedAt");
  EXPECT_EQ(check_inbound_message(kStatusCallbackFlow, without_time), std::nullopt);

  const auto broken = [](const char* key, const Json& value) {
    auto m = status_message();
    if (value.is_discarded()) {
      m.erase(key);
    } else {
      m[key] = value;
    }
    return check_inbound_message(kStatusCallbackFlow, m);
  };
  EXPECT_TRUE(broken("dossierCode", Json(Json::value_t::discarded)));
  EXPECT_TRUE(broken("dossierCode", "H22-1"));
  EXPECT_TRUE(broken("status", 11));
  EXPECT_TRUE(broken("status", "4"));
  EXPECT_TRUE(broken("status", 5)) << "state processing is 4";
  EXPECT_TRUE(broken("state", "archived"));
  EXPECT_TRUE(broken("event", "other"));
  EXPECT_TRUE(broken("changedAt", "20261201093000"));
  EXPECT_TRUE(broken("extra", 1));
  EXPECT_TRUE(check_inbound_message(kStatusCallbackFlow, Json::array()));
}

TEST(InboundMessage, KnowsTheTenPortalStates) {
  const char* states[] = {"receiving", "new",       "denied",     "processing", "waiting",
                          "paying",    "cancelled", "unresolved", "releasing",  "done"};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(portal_state_code(states[i]), i + 1) << states[i];
  EXPECT_EQ(portal_state_code("Processing"), 0);
  EXPECT_EQ(portal_state_code(""), 0);
}

}  // namespace
}  // namespace lienthong::sandbox::motcua

namespace lienthong::sandbox::motcua {
namespace {

nlohmann::json paid_event() {
  return {{"event", "payment-paid"},
          {"paymentId", "REF-1"},
          {"dossierCode", "000.00.01.H22-261201-0001"},
          {"amount", 100000},
          {"paidAt", "2026-12-06T14:10:00+07:00"},
          {"bankTransactionId", "BANK-1"}};
}

TEST(InboundMessage, ChecksThePaymentEventStrictly) {
  EXPECT_EQ(check_inbound_message(kPaymentFlow, paid_event()), std::nullopt);
  const nlohmann::json cancelled = {{"event", "payment-cancelled"},
                                    {"paymentId", "REF-1"},
                                    {"dossierCode", "000.00.01.H22-261201-0001"},
                                    {"amount", 100000},
                                    {"cancelledAt", "2026-12-06T14:10:00+07:00"}};
  EXPECT_EQ(check_inbound_message(kPaymentFlow, cancelled), std::nullopt);
  auto refused = [](const std::function<void(nlohmann::json&)>& change) {
    auto m = paid_event();
    change(m);
    return check_inbound_message(kPaymentFlow, m).has_value();
  };
  EXPECT_TRUE(refused([](auto& m) { m["event"] = "payment-refunded"; }));
  EXPECT_TRUE(refused([](auto& m) { m.erase("paidAt"); }));
  EXPECT_TRUE(refused([](auto& m) { m["paidAt"] = "20261206141000"; }));
  EXPECT_TRUE(refused([](auto& m) { m["amount"] = -1; }));
  EXPECT_TRUE(refused([](auto& m) { m["dossierCode"] = "H22-1"; }));
  EXPECT_TRUE(refused([](auto& m) { m["payer"] = "Nguyễn Văn An"; }));
  EXPECT_TRUE(refused([](auto& m) { m["event"] = "payment-expired"; }));  // no expiredAt
  auto with_cancel_time = cancelled;
  with_cancel_time["bankTransactionId"] = "B";
  EXPECT_TRUE(check_inbound_message(kPaymentFlow, with_cancel_time).has_value());
}

}  // namespace
}  // namespace lienthong::sandbox::motcua
