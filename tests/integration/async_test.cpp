// Async messages end to end: Prefer: respond-async -> 202 after the durable commit -> the
// delivery loop -> the dvcqg mock over real HTTP; status through GET /v1/messages/{id}.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/store/message_store.hpp"
#include "dvcqg_samples.hpp"
#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

class AsyncTest : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) {
      c.delivery.backoff_initial_ms = 300;
      c.delivery.backoff_max_ms = 300;
    }
  }

  http::Response post_async(const std::string& target, const Json& body,
                            std::map<std::string, std::string> headers = {}) {
    headers.try_emplace("Prefer", "respond-async");
    return post_json(target, body, std::move(headers));
  }

  // The id of an accepted message, checking the 202's shape.
  std::string accepted_id(const http::Response& res) {
    EXPECT_EQ(res.result_int(), 202) << res.body();
    auto body = body_json(res);
    const auto id = body.value("id", std::string());
    EXPECT_FALSE(id.empty()) << res.body();
    EXPECT_EQ(std::string(res[bhttp::field::location]), "/v1/messages/" + id);
    EXPECT_EQ(std::string(res["Preference-Applied"]), "respond-async");
    EXPECT_EQ(std::string(res["X-Message-ID"]), id);
    return id;
  }

  http::Response get_message(const std::string& id, const char* key = kKey) {
    http::Request req{bhttp::verb::get, "/v1/messages/" + id, 11};
    req.set(bhttp::field::authorization, std::string("Bearer ") + key);
    return send_http(hub_port(), std::move(req));
  }

  Json status(const std::string& id) {
    auto res = get_message(id);
    EXPECT_EQ(res.result_int(), 200) << res.body();
    return body_json(res);
  }

  // Polls the status until `pred` holds or 15 s pass; answers the last status seen.
  template <class Pred>
  Json poll(const std::string& id, Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    Json s = status(id);
    while (!pred(s) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      s = status(id);
    }
    return s;
  }

  Json poll_state(const std::string& id, const std::string& state) {
    return poll(id, [&](const Json& s) { return s["state"] == state; });
  }

  void fault(const std::string& json) {
    auto res = sandbox("dvcqg", bhttp::verb::post, "/_sandbox/faults", json);
    ASSERT_EQ(res.result_int(), 200) << res.body();
  }

  // Business requests (not logins) the mock received for `service`, oldest first.
  std::vector<Json> received(const std::string& service) {
    std::vector<Json> out;
    for (const auto& e : body_json(sandbox("dvcqg", bhttp::verb::get, "/_sandbox/requests"))) {
      auto body = Json::parse(e.value("body", std::string()), nullptr, false);
      if (body.is_object() && body.value("service", std::string()) == service) {
        out.push_back({{"headers", e["headers"]}, {"body", body}});
      }
    }
    return out;
  }
};

TEST_F(AsyncTest, AcceptedMessageIsDeliveredAndShowsItsResult) {
  const std::string code = "000.00.01.H22-261203-0201";
  auto id = accepted_id(post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier(code)));
  auto s = poll_state(id, "delivered");
  ASSERT_EQ(s["state"], "delivered") << s.dump();
  EXPECT_EQ(s["id"], id);
  EXPECT_EQ(s["connector"], "dvcqg");
  EXPECT_EQ(s["operation"], "sync-dossier");
  EXPECT_EQ(s["attempts"], 1);
  EXPECT_EQ(s["result"], (Json{{"dossierCode", code},
                               {"action", "created"},
                               {"portalMessage", "Đồng bộ thành công 1 hồ sơ"}}));
  EXPECT_TRUE(s["acceptedAt"].is_string());
  EXPECT_TRUE(s["finishedAt"].is_string());
  EXPECT_TRUE(s["lastError"].is_null());
  auto sent = received("DongBoHoSoMC");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["headers"]["X-Message-ID"], id) << "the stable id, for de-duplication";
}

TEST_F(AsyncTest, The202ComesOnlyAfterTheMessageIsCommitted) {
  auto res = post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier("000.00.01.H22-261203-0202"));
  auto id = accepted_id(res);
  // Another connection to the file, as a crash-restarted hub would open it.
  auto other = store::open_sqlite_store(store_path_);
  ASSERT_TRUE(other) << other.error().detail;
  auto found = (*other)->get(id);
  ASSERT_TRUE(found) << found.error().detail;
  EXPECT_EQ(found->client, "tester");
  EXPECT_EQ(found->ordering_key, "000.00.01.H22-261203-0202");
}

TEST_F(AsyncTest, Http500IsRetriedWithBackoffThenDelivered) {
  fault(R"({"mode": "http500", "count": 3})");
  auto id =
      accepted_id(post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier("000.00.01.H22-261203-0203")));
  auto retrying = poll_state(id, "retrying");
  ASSERT_EQ(retrying["state"], "retrying") << retrying.dump();
  EXPECT_TRUE(retrying["lastError"].is_string()) << retrying.dump();
  EXPECT_TRUE(retrying["nextAttemptAt"].is_string()) << retrying.dump();
  auto s = poll_state(id, "delivered");
  ASSERT_EQ(s["state"], "delivered") << s.dump();
  EXPECT_EQ(s["attempts"], 4);
  auto attempts = hub_->store().attempts(id);
  ASSERT_TRUE(attempts);
  ASSERT_EQ(attempts->size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*attempts)[i].outcome, store::MessageState::kRetrying) << i;
    EXPECT_FALSE((*attempts)[i].detail.empty()) << i;
  }
  EXPECT_EQ((*attempts)[3].outcome, store::MessageState::kDelivered);
}

TEST_F(AsyncTest, AFarSideRefusalIsDeadAtOnceAndBlocksNothing) {
  const std::string code = "000.00.01.H22-261203-0204";
  ASSERT_EQ(post_json("/v1/dvcqg/sync-dossier", dvcqg_dossier(code)).result_int(), 200);
  ASSERT_EQ(post_json("/v1/dvcqg/update-progress", dvcqg_step(code, 9, "2026-12-03T09:00:00Z"))
                .result_int(),
            200);
  // Backwards: the portal refuses it, and would refuse it again.
  auto poison = accepted_id(post_async("/v1/dvcqg/update-progress",
                                       dvcqg_step(code, "processing", "2026-12-04T09:00:00Z")));
  auto dead = poll_state(poison, "dead");
  ASSERT_EQ(dead["state"], "dead") << dead.dump();
  EXPECT_EQ(dead["attempts"], 1);
  EXPECT_TRUE(dead["deadReason"].is_string()) << dead.dump();
  // Neither its own key nor another is held up by it.
  auto same_key = accepted_id(
      post_async("/v1/dvcqg/update-progress", dvcqg_step(code, 10, "2026-12-05T09:00:00Z")));
  auto other_key =
      accepted_id(post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier("000.00.01.H22-261203-0205")));
  EXPECT_EQ(poll_state(same_key, "delivered")["state"], "delivered");
  EXPECT_EQ(poll_state(other_key, "delivered")["state"], "delivered");
}

TEST_F(AsyncTest, SameKeyIsDeliveredInAcceptanceOrderWhileAnotherKeyFlows) {
  const std::string code = "000.00.01.H22-261203-0206";
  std::vector<std::string> ids;
  ids.push_back(accepted_id(post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier(code))));
  for (int i = 1; i <= 5; ++i) {
    ids.push_back(accepted_id(post_async(
        "/v1/dvcqg/update-progress",
        dvcqg_step(code, "processing", "2026-12-0" + std::to_string(3 + i) + "T09:00:00Z",
                   "Bước " + std::to_string(i)))));
  }
  auto other =
      accepted_id(post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier("000.00.01.H22-261203-0207")));
  for (const auto& id : ids) ASSERT_EQ(poll_state(id, "delivered")["state"], "delivered") << id;
  ASSERT_EQ(poll_state(other, "delivered")["state"], "delivered");
  std::vector<std::string> order;
  for (const auto& r : received("CapNhatTienDoHoSoMC")) {
    order.push_back(r["body"]["data"][0]["NoiDungXuLy"].get<std::string>());
  }
  EXPECT_EQ(order, (std::vector<std::string>{"Bước 1", "Bước 2", "Bước 3", "Bước 4", "Bước 5"}));
}

TEST_F(AsyncTest, AMessageBehindARetryingOneSaysSo) {
  fault(R"({"mode": "http500"})");
  const std::string code = "000.00.01.H22-261203-0208";
  auto first = accepted_id(post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier(code)));
  auto second = accepted_id(post_async("/v1/dvcqg/update-progress",
                                       dvcqg_step(code, "processing", "2026-12-04T09:00:00Z")));
  ASSERT_EQ(poll_state(first, "retrying")["state"], "retrying");
  auto behind = status(second);
  EXPECT_EQ(behind["state"], "queued") << behind.dump();
  EXPECT_EQ(behind["waitingBehind"], first) << behind.dump();
  ASSERT_EQ(sandbox("dvcqg", bhttp::verb::delete_, "/_sandbox/faults").result_int(), 204);
  EXPECT_EQ(poll_state(first, "delivered")["state"], "delivered");
  EXPECT_EQ(poll_state(second, "delivered")["state"], "delivered");
}

// Issue 12, point 6: each attempt on the message's timeline, and one trace id from the caller
// through the status, the far side and the log lines.
TEST_F(AsyncTest, StatusShowsEachAttemptsTimelineAndTheTraceItTravelledWith) {
  const std::string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
  const std::string tp = "00-" + trace + "-00f067aa0ba902b7-01";
  fault(R"({"mode": "http500"})");
  auto id = accepted_id(post_async(
      "/v1/dvcqg/sync-dossier", dvcqg_dossier("000.00.01.H22-261203-0212"), {{"traceparent", tp}}));
  ASSERT_EQ(poll_state(id, "retrying")["state"], "retrying");
  ASSERT_EQ(sandbox("dvcqg", bhttp::verb::delete_, "/_sandbox/faults").result_int(), 204);
  auto s = poll_state(id, "delivered");
  ASSERT_EQ(s["state"], "delivered") << s.dump();
  EXPECT_EQ(s["traceparent"], tp);
  const auto& timeline = s["timeline"];
  ASSERT_GE(timeline.size(), 2U) << s.dump();
  const auto& failed = timeline[0];
  EXPECT_EQ(failed["attempt"], 1);
  EXPECT_EQ(failed["outcome"], "retrying");
  EXPECT_EQ(failed["farStatus"], 500) << failed.dump();
  EXPECT_EQ(failed["errorClass"], "upstream_5xx") << failed.dump();
  EXPECT_TRUE(failed["startedAt"].is_string()) << failed.dump();
  EXPECT_GE(failed["durationMs"].get<int>(), 0);
  const auto& last = timeline.back();
  EXPECT_EQ(last["outcome"], "delivered");
  EXPECT_EQ(last["farStatus"], 200) << last.dump();
  EXPECT_TRUE(last["errorClass"].is_null()) << last.dump();
  EXPECT_LE(failed["startedAt"].get<std::string>(), last["startedAt"].get<std::string>());
  for (const auto& r : received("DongBoHoSoMC")) EXPECT_EQ(r["headers"]["traceparent"], tp);
  EXPECT_TRUE(logged("trace_id=" + trace)) << "the delivery's log lines carry the trace id";
}

TEST_F(AsyncTest, ACallWithoutTraceContextGetsOneAndKeepsIt) {
  auto res = post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier("000.00.01.H22-261203-0213"));
  const auto id = accepted_id(res);
  const std::string tp(res["traceparent"]);
  ASSERT_EQ(tp.size(), 55U) << "the hub started a trace";
  auto s = poll_state(id, "delivered");
  EXPECT_EQ(s["traceparent"], tp);
}

TEST_F(AsyncTest, IdempotencyKeyReplaysTheFirstMessageAndSendsOnce) {
  const auto body = dvcqg_dossier("000.00.01.H22-261203-0209");
  auto id =
      accepted_id(post_async("/v1/dvcqg/sync-dossier", body, {{"Idempotency-Key", "sync-0209"}}));
  auto again = post_async("/v1/dvcqg/sync-dossier", body, {{"Idempotency-Key", "sync-0209"}});
  EXPECT_EQ(accepted_id(again), id);
  ASSERT_EQ(poll_state(id, "delivered")["state"], "delivered");
  auto later = post_async("/v1/dvcqg/sync-dossier", body, {{"Idempotency-Key", "sync-0209"}});
  EXPECT_EQ(accepted_id(later), id);
  EXPECT_EQ(body_json(later)["state"], "delivered") << later.body();
  EXPECT_EQ(received("DongBoHoSoMC").size(), 1u) << "sent once";

  auto changed = body;
  changed["summary"] = "Một nội dung khác";
  auto conflict = post_async("/v1/dvcqg/sync-dossier", changed, {{"Idempotency-Key", "sync-0209"}});
  EXPECT_EQ(conflict.result_int(), 409) << conflict.body();
}

TEST_F(AsyncTest, BadInputGetsTheSyncProblemAndStoresNothing) {
  auto bad = dvcqg_dossier("000.00.01.H22-261203-0210");
  bad.erase("dossierCode");
  auto res = post_async("/v1/dvcqg/sync-dossier", bad);
  EXPECT_EQ(res.result_int(), 400) << res.body();
  EXPECT_EQ(post("/v1/dvcqg/sync-dossier", "{not json", {{"Prefer", "respond-async"}}).result_int(),
            400);
  EXPECT_EQ(
      post("/v1/dvcqg/sync-dossier", R"({"dossierCode": -1e400})", {{"Prefer", "respond-async"}})
          .result_int(),
      400);
  auto listed = hub_->store().list({});
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_F(AsyncTest, StatusIsOnlyForTheClientThatSentIt) {
  auto id =
      accepted_id(post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier("000.00.01.H22-261203-0211")));
  EXPECT_EQ(get_message(id, kLimitedKey).result_int(), 404);
  EXPECT_EQ(get_message("0190f0f0-0000-7000-8000-000000000000").result_int(), 404);
  EXPECT_EQ(get_message("not%20an%20id").result_int(), 404);
  http::Request anonymous{bhttp::verb::get, "/v1/messages/" + id, 11};
  EXPECT_EQ(send_http(hub_port(), std::move(anonymous)).result_int(), 401);
}

}  // namespace
}  // namespace lienthong::testing
