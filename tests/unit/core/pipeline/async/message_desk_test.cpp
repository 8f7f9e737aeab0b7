#include "core/pipeline/async/message_desk.hpp"

#include <gtest/gtest.h>

namespace lienthong::pipeline {
namespace {

using Json = nlohmann::json;

TEST(MessageDeskTest, PreferRespondAsyncIsFoundAmongPreferences) {
  EXPECT_TRUE(prefers_async("respond-async"));
  EXPECT_TRUE(prefers_async("Respond-Async"));
  EXPECT_TRUE(prefers_async("wait=10, respond-async"));
  EXPECT_TRUE(prefers_async("respond-async; foo=bar"));
  EXPECT_FALSE(prefers_async(""));
  EXPECT_FALSE(prefers_async("return=minimal"));
  EXPECT_FALSE(prefers_async("respond-asynchronously"));
}

TEST(MessageDeskTest, MessageTargetsAndIdempotencyKeys) {
  EXPECT_EQ(parse_message_target("/v1/messages/abc-1"), "abc-1");
  EXPECT_EQ(parse_message_target("/v1/messages/abc?x=1"), "abc");
  EXPECT_FALSE(parse_message_target("/v1/dvcqg/sync-dossier"));
  EXPECT_TRUE(valid_idempotency_key("sync-0209"));
  EXPECT_FALSE(valid_idempotency_key(""));
  EXPECT_FALSE(valid_idempotency_key("has space"));
  EXPECT_FALSE(valid_idempotency_key(std::string(256, 'a')));
}

TEST(MessageDeskTest, OrderingKeyIsReadAtTheOperationsPointer) {
  const Json request = {{"dossierCode", "000.00.01.H22-1"}, {"n", 7}};
  EXPECT_EQ(ordering_key(request, "/dossierCode"), "000.00.01.H22-1");
  EXPECT_EQ(ordering_key(request, "/n"), "7");
  EXPECT_EQ(ordering_key(request, "/missing"), "");
  EXPECT_EQ(ordering_key(request, ""), "");
}

TEST(MessageDeskTest, NewMessageCarriesWhatDeliveryNeeds) {
  Exchange ex;
  ex.id = "0190f0f0-0000-7000-8000-000000000001";
  ex.client = "tester";
  ex.correlation_id = "corr-1";
  ex.traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  ex.request = {{"dossierCode", "D1"}};
  Route route;
  route.connector = "dvcqg";
  route.operation.name = "sync-dossier";
  route.operation.order_key = "/dossierCode";
  auto m = new_message(ex, route, "key-1");
  EXPECT_EQ(m.id, ex.id);
  EXPECT_EQ(m.client, "tester");
  EXPECT_EQ(m.connector, "dvcqg");
  EXPECT_EQ(m.operation, "sync-dossier");
  EXPECT_EQ(m.ordering_key, "D1");
  EXPECT_EQ(m.idempotency_key, "key-1");
  EXPECT_EQ(Json::parse(m.body), ex.request);
  EXPECT_EQ(m.headers.at("X-Correlation-ID"), "corr-1");
  EXPECT_EQ(m.headers.at("traceparent"), ex.traceparent);
}

// An inbound push of a dossier and the dossier's outbound messages go to different systems.
TEST(MessageDeskTest, AnInboundPushIsOrderedApartFromTheConnectorsOutboundMessages) {
  Exchange ex;
  ex.id = "0190f0f0-0000-7000-8000-000000000002";
  ex.request = {{"dossierCode", "D1"}};
  Route route;
  route.connector = "dvcqg";
  route.operation.name = "inbound/status-callback";
  route.operation.order_key = "/dossierCode";
  EXPECT_EQ(new_message(ex, route, "").ordering_key, "inbound:D1");
  route.operation.order_key = "/missing";
  EXPECT_EQ(new_message(ex, route, "").ordering_key, "");
}

TEST(MessageDeskTest, StatusJsonHasEveryFieldAndIsoTimes) {
  store::MessageStatus s;
  s.id = "m1";
  s.connector = "dvcqg";
  s.operation = "sync-dossier";
  s.state = store::MessageState::kRetrying;
  s.attempts = 2;
  s.last_error = "dvcqg answered HTTP 500";
  s.next_attempt_at = store::from_millis(1'764'616'200'123);
  s.waiting_behind = "";
  s.accepted_at = store::from_millis(1'764'616'199'000);
  auto j = status_json(s);
  EXPECT_EQ(j["state"], "retrying");
  EXPECT_EQ(j["attempts"], 2);
  EXPECT_EQ(j["lastError"], "dvcqg answered HTTP 500");
  EXPECT_EQ(j["nextAttemptAt"], "2025-12-01T19:10:00.123Z");
  EXPECT_EQ(j["acceptedAt"], "2025-12-01T19:09:59.000Z");
  EXPECT_TRUE(j["waitingBehind"].is_null());
  EXPECT_TRUE(j["result"].is_null());
  EXPECT_TRUE(j["deadReason"].is_null());
  EXPECT_TRUE(j["finishedAt"].is_null());

  s.state = store::MessageState::kDelivered;
  s.result = R"({"action":"created"})";
  EXPECT_EQ(status_json(s)["result"], (Json{{"action", "created"}}));
}

}  // namespace
}  // namespace lienthong::pipeline
