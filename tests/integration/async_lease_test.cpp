// Slow attempts of async messages: the lease is renewed while a call runs, and an attempt that
// overruns attempt_timeout_ms is abandoned and retried under the same message id.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

class AsyncLeaseTest : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override {
    config.store.lease_ms = 1'000;
    for (auto& c : config.connectors) {
      c.delivery.attempt_timeout_ms = 3'000;
      c.delivery.backoff_initial_ms = 50;
      c.delivery.backoff_max_ms = 50;
    }
  }

  std::string send_async(const std::string& code) {
    std::ifstream in(std::filesystem::path(LT_SOURCE_DIR) /
                     "mappings/dvcqg/sync-dossier.example.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto body = Json::parse(text.str());
    body["dossierCode"] = code;
    auto res = post_json("/v1/dvcqg/sync-dossier", body, {{"Prefer", "respond-async"}});
    EXPECT_EQ(res.result_int(), 202) << res.body();
    return body_json(res).value("id", std::string());
  }

  Json wait_delivered(const std::string& id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    Json s;
    do {
      http::Request req{bhttp::verb::get, "/v1/messages/" + id, 11};
      req.set(bhttp::field::authorization, std::string("Bearer ") + kKey);
      s = body_json(send_http(hub_port(), std::move(req)));
      if (s["state"] == "delivered" || s["state"] == "dead") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (std::chrono::steady_clock::now() < deadline);
    return s;
  }

  void fault(const std::string& json) {
    auto res = sandbox("dvcqg", bhttp::verb::post, "/_sandbox/faults", json);
    ASSERT_EQ(res.result_int(), 200) << res.body();
  }
};

TEST_F(AsyncLeaseTest, ACallLongerThanTheLeaseKeepsItsLeaseAndIsSentOnce) {
  // 2.6 s > the 1 s lease (two idle claims would see it lapsed): without renewal the message would
  // be claimed a second time.
  fault(R"({"latency_ms": 2600, "count": 1})");
  auto id = send_async("000.00.01.H22-261203-0301");
  auto s = wait_delivered(id);
  ASSERT_EQ(s["state"], "delivered") << s.dump();
  EXPECT_EQ(s["attempts"], 1) << s.dump();
}

TEST_F(AsyncLeaseTest, AnAttemptThatOverrunsItsTimeoutIsRetriedUnderTheSameId) {
  fault(R"({"latency_ms": 5000, "count": 1})");
  auto id = send_async("000.00.01.H22-261203-0302");
  auto s = wait_delivered(id);
  ASSERT_EQ(s["state"], "delivered") << s.dump();
  EXPECT_EQ(s["attempts"], 2) << s.dump();
  auto attempts = hub_->store().attempts(id);
  ASSERT_TRUE(attempts);
  ASSERT_EQ(attempts->size(), 2u);
  EXPECT_NE((*attempts)[0].detail.find("took longer"), std::string::npos) << (*attempts)[0].detail;
}

}  // namespace
}  // namespace lienthong::testing
