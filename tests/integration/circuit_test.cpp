// A connector's circuit breaker and rate limit on sync calls, through real HTTP and the sandbox.
#include <gtest/gtest.h>

#include <thread>

#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;

const nlohmann::json kLookup = {{"enterpriseCode", "0100109106"}};
constexpr const char* kTarget = "/v1/dkdn/lookup-enterprise";

class CircuitTest : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) {
      if (c.id == "dkdn") c.circuit = {true, 3, 1000};
    }
  }
  std::size_t dkdn_requests() {
    auto log = body_json(sandbox("dkdn", bhttp::verb::get, "/_sandbox/requests"));
    EXPECT_TRUE(log.is_array()) << log;
    return log.size();
  }
};

TEST_F(CircuitTest, OpensAfterFailuresAnswers503AtOnceAndAProbeClosesIt) {
  auto set = sandbox("dkdn", bhttp::verb::post, "/_sandbox/faults", R"({"mode":"http500"})");
  ASSERT_EQ(set.result_int(), 200) << set.body();
  for (int i = 0; i < 3; ++i) {
    auto res = post_json(kTarget, kLookup);
    ASSERT_EQ(res.result_int(), 502) << res.body();
  }
  const auto reached = dkdn_requests();
  EXPECT_EQ(reached, 3u);

  auto refused = post_json(kTarget, kLookup);
  ASSERT_EQ(refused.result_int(), 503) << refused.body();
  EXPECT_EQ(refused[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(refused[bhttp::field::retry_after], "1");  // what is left of 1 s, rounded up
  EXPECT_EQ(body_json(refused)["type"], "https://lienthong.dev/problems/unavailable");
  EXPECT_EQ(dkdn_requests(), reached) << "an open circuit must not call the far side";

  // The far side recovers; once open_ms has passed, one probe goes through and closes it.
  ASSERT_EQ(sandbox("dkdn", bhttp::verb::delete_, "/_sandbox/faults").result_int(), 204);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  unsigned status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    status = post_json(kTarget, kLookup).result_int();
    if (status != 503) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling interval
  }
  ASSERT_EQ(status, 200u);
  EXPECT_EQ(dkdn_requests(), reached + 1) << "exactly one probe";
  EXPECT_EQ(post_json(kTarget, kLookup).result_int(), 200);
  EXPECT_EQ(dkdn_requests(), reached + 2);
}

class RateLimitTest : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) {
      if (c.id == "dkdn") c.rate_limit = config::RateLimitConfig{1, 2};
    }
  }
};

TEST_F(RateLimitTest, ABurstThen429WithRetryAfter) {
  EXPECT_EQ(post_json(kTarget, kLookup).result_int(), 200);
  EXPECT_EQ(post_json(kTarget, kLookup).result_int(), 200);
  // One token a second: within the next few calls the bucket is empty.
  http::Response limited;
  for (int i = 0; i < 5 && limited.result_int() != 429; ++i) limited = post_json(kTarget, kLookup);
  ASSERT_EQ(limited.result_int(), 429) << limited.body();
  EXPECT_EQ(limited[bhttp::field::retry_after], "1");
  EXPECT_EQ(body_json(limited)["type"], "https://lienthong.dev/problems/rate-limited");
  // Other connectors have their own quota (none here).
  auto other = post_json("/v1/dvcqg/list-procedures", nlohmann::json::object());
  EXPECT_NE(other.result_int(), 429) << other.body();
}

}  // namespace
}  // namespace lienthong::testing
