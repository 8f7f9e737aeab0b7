// Inbound pushes end to end: the portal's status callback on POST /inbound/dvcqg/status-callback
// -> 202 after the durable commit -> the delivery loop -> the provincial mock (motcua) over real
// HTTP, in per-dossier order, retried, de-duplicated; and every refusal on the way in.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

constexpr const char* kCallback = "/inbound/dvcqg/status-callback";

Json callback(const std::string& code, const std::string& state) {
  return {{"MaHoSo", code}, {"TrangThai", state}, {"ThoiDiem", "20261201093000"}};
}

class InboundTest : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override {
    for (auto& [name, target] : config.provincial_targets) {
      target.delivery.backoff_initial_ms = 50;
      target.delivery.backoff_max_ms = 100;
      target.delivery.max_attempts = 12;
    }
  }

  http::Response send(const Json& body, std::map<std::string, std::string> headers = {}) {
    headers.try_emplace("Authorization", std::string("Bearer ") + kPortalKey);
    return post_json(kCallback, body, std::move(headers));
  }

  std::string accepted_id(const http::Response& res) {
    EXPECT_EQ(res.result_int(), 202) << res.body();
    const auto id = body_json(res).value("id", std::string());
    EXPECT_FALSE(id.empty()) << res.body();
    EXPECT_EQ(std::string(res[bhttp::field::location]), "/v1/messages/" + id);
    EXPECT_EQ(std::string(res["X-Message-ID"]), id);
    return id;
  }

  Json status(const std::string& id) {
    http::Request req{bhttp::verb::get, "/v1/messages/" + id, 11};
    req.set(bhttp::field::authorization, std::string("Bearer ") + kPortalKey);
    auto res = send_http(hub_port(), std::move(req));
    EXPECT_EQ(res.result_int(), 200) << res.body();
    return body_json(res);
  }

  // Polls until the message is `state` or 15 s pass; answers the last status seen.
  Json poll_state(const std::string& id, const std::string& state) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    Json s = status(id);
    while (s["state"] != state && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      s = status(id);
    }
    return s;
  }

  void fault(const std::string& json) {
    auto res = sandbox("motcua", bhttp::verb::post, "/_sandbox/faults", json);
    ASSERT_EQ(res.result_int(), 200) << res.body();
  }

  // What the provincial mock received, oldest first: {headers, body (parsed)}.
  std::vector<Json> received() {
    std::vector<Json> out;
    for (const auto& e : body_json(sandbox("motcua", bhttp::verb::get, "/_sandbox/requests"))) {
      out.push_back({{"headers", e["headers"]},
                     {"body", Json::parse(e.value("body", std::string()), nullptr, false)}});
    }
    return out;
  }

  std::size_t stored() { return hub_->store().list(store::ListFilter{})->size(); }
};

TEST_F(InboundTest, ACallbackIsAcceptedThenPushedWithTheCanonicalBodyAndHeaders) {
  const std::string code = "000.00.01.H22-261201-0101";
  const std::string trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  auto res = send(callback(code, "processing"),
                  {{"X-Correlation-ID", "portal-corr-1"}, {"traceparent", trace}});
  const auto id = accepted_id(res);
  EXPECT_EQ(body_json(res)["state"], "queued");
  auto s = poll_state(id, "delivered");
  ASSERT_EQ(s["state"], "delivered") << s.dump();
  EXPECT_EQ(s["connector"], "dvcqg");
  EXPECT_EQ(s["operation"], "inbound/status-callback");
  EXPECT_EQ(s["attempts"], 1);
  EXPECT_EQ(s["result"]["target"], "motcua");
  EXPECT_EQ(s["result"]["status"], 200);
  EXPECT_EQ(s["result"]["answer"]["messageId"], id);

  auto got = received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["body"], (Json{{"event", "dossier-status"},
                                  {"source", "dvcqg"},
                                  {"dossierCode", code},
                                  {"status", 4},
                                  {"state", "processing"},
                                  {"changedAt", "2026-12-01T09:30:00+07:00"}}));
  const auto& h = got[0]["headers"];
  EXPECT_EQ(h["X-Message-ID"], id);
  EXPECT_EQ(h["Idempotency-Key"], id);
  EXPECT_EQ(h["X-Correlation-ID"], "portal-corr-1");
  EXPECT_EQ(h["traceparent"], trace);
  EXPECT_EQ(h["X-Lienthong-Inbound"], "dvcqg/status-callback");
  EXPECT_EQ(h["Authorization"], "***") << "the mock's log masks it; the mock checked it";
}

TEST_F(InboundTest, AnUnknownPortalStateIsA400WithAPointerAndNothingIsStored) {
  auto res = send(callback("000.00.01.H22-261201-0102", "archived"));
  ASSERT_EQ(res.result_int(), 400) << res.body();
  EXPECT_EQ(std::string(res[bhttp::field::content_type]), "application/problem+json");
  auto p = body_json(res);
  ASSERT_EQ(p["errors"].size(), 1u) << p.dump();
  EXPECT_EQ(p["errors"][0]["pointer"], "/TrangThai");
  EXPECT_EQ(p["connector"], "dvcqg");
  EXPECT_EQ(stored(), 0u);
  EXPECT_TRUE(received().empty());
}

TEST_F(InboundTest, CallbacksOfOneDossierArriveInOrderWhileAnotherDossierFlows) {
  // Half the pushes fail at first: without per-dossier order a retried callback would be
  // overtaken by the next one of its dossier.
  fault(R"({"mode":"http500","error_rate":0.5})");
  const std::string a = "000.00.01.H22-261201-0103";
  const std::string b = "000.00.01.H22-261201-0104";
  const std::vector<std::string> a_states = {"receiving", "new", "processing", "waiting", "done"};
  const std::vector<std::string> b_states = {"receiving", "denied", "cancelled"};
  std::vector<std::string> a_ids;
  std::vector<std::string> all_ids;
  for (std::size_t i = 0; i < a_states.size(); ++i) {
    a_ids.push_back(accepted_id(send(callback(a, a_states[i]))));
    all_ids.push_back(a_ids.back());
    if (i < b_states.size()) all_ids.push_back(accepted_id(send(callback(b, b_states[i]))));
  }
  for (const auto& id : all_ids) {
    auto s = poll_state(id, "delivered");
    ASSERT_EQ(s["state"], "delivered") << s.dump();
  }
  fault("{}");
  // Every attempt of a dossier's n-th callback comes before any attempt of its (n+1)-th.
  auto got = received();
  std::map<std::string, std::pair<std::size_t, std::size_t>> span;  // id -> first, last
  for (std::size_t i = 0; i < got.size(); ++i) {
    const auto id = got[i]["headers"]["X-Message-ID"].get<std::string>();
    auto [it, fresh] = span.try_emplace(id, i, i);
    it->second.second = i;
  }
  for (std::size_t i = 0; i + 1 < a_ids.size(); ++i) {
    EXPECT_LT(span.at(a_ids[i]).second, span.at(a_ids[i + 1]).first) << "callback " << i;
  }
  std::vector<Json> a_bodies;
  for (const auto& e : got) {
    if (e["body"]["dossierCode"] == a) a_bodies.push_back(e["body"]["state"]);
  }
  a_bodies.erase(std::unique(a_bodies.begin(), a_bodies.end()), a_bodies.end());
  EXPECT_EQ(a_bodies, (std::vector<Json>(a_states.begin(), a_states.end())));
}

TEST_F(InboundTest, TheSameIdempotencyKeyAnswersTheFirstMessage) {
  const auto body = callback("000.00.01.H22-261201-0105", "paying");
  const auto id = accepted_id(send(body, {{"Idempotency-Key", "portal-cb-1"}}));
  ASSERT_EQ(poll_state(id, "delivered")["state"], "delivered");
  auto again = send(body, {{"Idempotency-Key", "portal-cb-1"}});
  EXPECT_EQ(accepted_id(again), id);
  EXPECT_EQ(body_json(again)["state"], "delivered");
  auto other =
      send(callback("000.00.01.H22-261201-0105", "done"), {{"Idempotency-Key", "portal-cb-1"}});
  EXPECT_EQ(other.result_int(), 409) << other.body();
  EXPECT_EQ(stored(), 1u);
  EXPECT_EQ(received().size(), 1u);
}

TEST_F(InboundTest, APushThatFailsWithServerErrorsIsRetriedThenDelivered) {
  fault(R"({"mode":"http500","count":3})");
  const auto id = accepted_id(send(callback("000.00.01.H22-261201-0106", "releasing")));
  auto s = poll_state(id, "delivered");
  ASSERT_EQ(s["state"], "delivered") << s.dump();
  EXPECT_EQ(s["attempts"], 4);
  auto got = received();
  ASSERT_EQ(got.size(), 4u);
  for (const auto& e : got) EXPECT_EQ(e["headers"]["X-Message-ID"], id) << "one id, every attempt";
}

class InboundRefusedTest : public InboundTest {
 protected:
  void customize(config::HubConfig& config) override {
    InboundTest::customize(config);
    config.provincial_targets.at("motcua").auth_value = "Bearer not-the-token";
  }
};

TEST_F(InboundRefusedTest, ATargetThatRefusesThePushMakesItDeadAtOnceWithTheReason) {
  const auto id = accepted_id(send(callback("000.00.01.H22-261201-0107", "done")));
  auto s = poll_state(id, "dead");
  ASSERT_EQ(s["state"], "dead") << s.dump();
  EXPECT_EQ(s["attempts"], 1) << "a 401 is not retried";
  const auto reason = s["deadReason"].get<std::string>();
  EXPECT_NE(reason.find("provincial target motcua answered HTTP 401"), std::string::npos) << reason;
  EXPECT_EQ(reason.find("not-the-token"), std::string::npos);
  EXPECT_FALSE(logged("not-the-token"));
}

TEST_F(InboundTest, CallersAreAuthenticatedAndAuthorizedForInboundApart) {
  const auto body = callback("000.00.01.H22-261201-0108", "done");
  EXPECT_EQ(post_json(kCallback, body, {{"Authorization", ""}}).result_int(), 401);
  EXPECT_EQ(send(body, {{"Authorization", "Bearer wrong"}}).result_int(), 401);
  // The tester may call everything outbound ("*"), but has no allow_inbound.
  auto tester = post_json(kCallback, body);
  EXPECT_EQ(tester.result_int(), 403) << tester.body();
  // And the portal may not call outbound operations.
  auto outbound = post_json("/v1/dvcqg/lookup-dossier", Json{{"dossierCode", "x"}},
                            {{"Authorization", std::string("Bearer ") + kPortalKey}});
  EXPECT_EQ(outbound.result_int(), 403);
  EXPECT_EQ(stored(), 0u);
}

TEST_F(InboundTest, BadRequestsGetProblemsAndStoreNothing) {
  const auto body = callback("000.00.01.H22-261201-0109", "done");
  const std::string key = std::string("Bearer ") + kPortalKey;
  EXPECT_EQ(post_json("/inbound/nope/status-callback", body, {{"Authorization", key}}).result_int(),
            404);
  EXPECT_EQ(post_json("/inbound/dvcqg/nope", body, {{"Authorization", key}}).result_int(), 404);
  auto outbound_name = post_json("/inbound/dvcqg/sync-dossier", body, {{"Authorization", key}});
  EXPECT_EQ(outbound_name.result_int(), 404) << "an outbound operation is no inbound one";
  EXPECT_EQ(post_json("/inbound/dkdn/status-callback", body, {{"Authorization", key}}).result_int(),
            404);
  EXPECT_EQ(send(body, {{"Content-Type", "text/plain"}}).result_int(), 415);
  auto malformed = post(kCallback, "{\"MaHoSo\": ", {{"Authorization", key}});
  EXPECT_EQ(malformed.result_int(), 400);
  auto invalid = send(Json{{"MaHoSo", "H22-1"}, {"TrangThai", "done"}, {"Extra", 1}});
  ASSERT_EQ(invalid.result_int(), 400);
  auto pointers = body_json(invalid)["errors"];
  EXPECT_EQ(pointers.size(), 2u) << pointers.dump();
  EXPECT_EQ(send(body, {{"Idempotency-Key", std::string(300, 'k')}}).result_int(), 400);
  http::Request get{bhttp::verb::get, kCallback, 11};
  get.set(bhttp::field::authorization, key);
  auto method = send_http(hub_port(), std::move(get));
  EXPECT_EQ(method.result_int(), 405);
  EXPECT_EQ(std::string(method[bhttp::field::allow]), "POST");
  EXPECT_EQ(stored(), 0u);
  EXPECT_TRUE(received().empty());
}

}  // namespace
}  // namespace lienthong::testing
