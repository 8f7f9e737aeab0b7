// Queued messages and a connector's circuit breaker and rate limit: they wait without burning
// attempts while the circuit is open or the quota used up, and one of them is the probe.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;
using std::chrono::milliseconds;

const Json kLookup = {{"enterpriseCode", "0100109106"}};
constexpr const char* kTarget = "/v1/dkdn/lookup-enterprise";

class AsyncGuardTest : public HubFixture {
 protected:
  std::string post_async() {
    auto res = post_json(kTarget, kLookup, {{"Prefer", "respond-async"}});
    EXPECT_EQ(res.result_int(), 202) << res.body();
    return body_json(res).value("id", std::string());
  }
  Json status(const std::string& id) {
    http::Request req{bhttp::verb::get, "/v1/messages/" + id, 11};
    req.set(bhttp::field::authorization, std::string("Bearer ") + kKey);
    return body_json(send_http(hub_port(), std::move(req)));
  }
  // Polls the status until `pred` holds or 15 s pass; answers the last status seen.
  template <class Pred>
  Json poll(const std::string& id, Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    Json s = status(id);
    while (!pred(s) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(5));  // polling interval
      s = status(id);
    }
    return s;
  }
  Json poll_delivered(const std::string& id) {
    return poll(id, [](const Json& s) { return s["state"] == "delivered"; });
  }
  std::size_t dkdn_requests() {
    return body_json(sandbox("dkdn", bhttp::verb::get, "/_sandbox/requests")).size();
  }
};

class AsyncCircuitTest : public AsyncGuardTest {
 protected:
  static constexpr milliseconds kOpen{1'500};
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) {
      if (c.id != "dkdn") continue;
      c.circuit = {true, 2, static_cast<int>(kOpen.count())};
      c.delivery.max_attempts = 10;
      c.delivery.backoff_initial_ms = 20;
      c.delivery.backoff_max_ms = 20;
    }
  }
};

TEST_F(AsyncCircuitTest, QueuedMessagesWaitWhileOpenAndOneOfThemIsTheProbe) {
  auto set = sandbox("dkdn", bhttp::verb::post, "/_sandbox/faults", R"({"mode":"http500"})");
  ASSERT_EQ(set.result_int(), 200) << set.body();
  const auto a = post_async();
  auto s = poll(a, [](const Json& j) { return j["attempts"] == 2 && j["state"] == "retrying"; });
  ASSERT_EQ(s["attempts"], 2) << s.dump();
  const auto opened = std::chrono::steady_clock::now();  // the second failure opened it
  const auto b = post_async();
  const auto reached = dkdn_requests();
  ASSERT_EQ(reached, 2u);

  // For most of the open period (its retry is due every 20 ms) nothing is claimed or sent.
  while (std::chrono::steady_clock::now() < opened + kOpen - milliseconds(500)) {
    auto sa = status(a);
    ASSERT_EQ(sa["attempts"], 2) << sa.dump();
    ASSERT_EQ(sa["state"], "retrying") << sa.dump();
    auto sb = status(b);
    ASSERT_EQ(sb["attempts"], 0) << sb.dump();
    ASSERT_EQ(sb["state"], "queued") << sb.dump();
    ASSERT_EQ(dkdn_requests(), reached) << "an open circuit must not call the far side";
    std::this_thread::sleep_for(milliseconds(20));  // checking interval
  }

  // The far side recovers: when the open period ends the loop wakes, one message probes and
  // closes the circuit, the other follows; neither burned an attempt while it waited.
  ASSERT_EQ(sandbox("dkdn", bhttp::verb::delete_, "/_sandbox/faults").result_int(), 204);
  auto da = poll_delivered(a);
  auto db = poll_delivered(b);
  ASSERT_EQ(da["state"], "delivered") << da.dump();
  ASSERT_EQ(db["state"], "delivered") << db.dump();
  EXPECT_EQ(da["attempts"], 3);
  EXPECT_EQ(db["attempts"], 1);
  EXPECT_TRUE(db["waitingFor"].is_null()) << db.dump();
  EXPECT_EQ(dkdn_requests(), reached + 2);
}

// A quota of 4 calls a second, no burst: six messages at once take about a second and a half.
class AsyncRateLimitTest : public AsyncGuardTest {
 protected:
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) {
      if (c.id != "dkdn") continue;
      c.rate_limit = config::RateLimitConfig{4, 1};
      c.delivery.max_attempts = 1;  // a burned attempt would be a dead message
    }
  }
};

TEST_F(AsyncRateLimitTest, MessagesWaitForTokensInsteadOfFailing) {
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(post_async());
  for (const auto& id : ids) {
    auto s = poll_delivered(id);
    EXPECT_EQ(s["state"], "delivered") << s.dump();
    EXPECT_EQ(s["attempts"], 1) << s.dump();
  }
  EXPECT_EQ(dkdn_requests(), ids.size());
}

}  // namespace
}  // namespace lienthong::testing
