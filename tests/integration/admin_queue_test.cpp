// The durable queue through the admin API, over real HTTP on the admin listener.
#include <gtest/gtest.h>

#include "core/base/time_text.hpp"
#include "hub_fixture.hpp"
#include "queue_seed.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

class AdminQueueTest : public HubFixture {
 protected:
  // Seeded before the hub opens the store.
  // This hub delivers nothing (concurrency 0), so the seeded states stay as seeded.
  void customize(config::HubConfig& config) override {
    q_ = seed_queue(config.store.path);
    config.delivery.concurrency = 0;
  }

  http::Response admin(bhttp::verb verb, const std::string& target) {
    http::Request req{verb, target, 11};
    return send_admin(std::move(req));
  }
  Json admin_json(bhttp::verb verb, const std::string& target, unsigned status = 200) {
    auto res = admin(verb, target);
    EXPECT_EQ(res.result_int(), status) << target << ": " << res.body();
    return body_json(res);
  }
  void expect_problem(const http::Response& res, unsigned status, const std::string& slug) {
    EXPECT_EQ(res.result_int(), status) << res.body();
    EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
    EXPECT_EQ(body_json(res)["type"], "https://lienthong.dev/problems/" + slug) << res.body();
  }

  SeededQueue q_;
};

TEST_F(AdminQueueTest, ListsMessagesWithoutBodiesOrResults) {
  auto res = admin(bhttp::verb::get, "/admin/queue/messages");
  ASSERT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(res.body().find("Nguyễn"), std::string::npos) << res.body();
  EXPECT_EQ(res.body().find("Trần"), std::string::npos) << res.body();
  auto all = body_json(res)["messages"];
  ASSERT_EQ(all.size(), 3u) << all;
  auto dead = admin_json(bhttp::verb::get, "/admin/queue/messages?state=dead")["messages"];
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["id"], q_.dead);
  auto dkdn = admin_json(bhttp::verb::get, "/admin/queue/messages?connector=dkdn")["messages"];
  ASSERT_EQ(dkdn.size(), 1u);
  EXPECT_EQ(dkdn[0]["result_bytes"], std::string(kSeedResult).size());
}

TEST_F(AdminQueueTest, ListPagesWithBefore) {
  auto first = admin_json(bhttp::verb::get, "/admin/queue/messages?limit=2");
  ASSERT_EQ(first["messages"].size(), 2u);
  ASSERT_TRUE(first["next_before"].is_string()) << first;
  auto next = admin_json(bhttp::verb::get, "/admin/queue/messages?limit=2&before=" +
                                               first["next_before"].get<std::string>());
  ASSERT_EQ(next["messages"].size(), 1u) << next;
  EXPECT_FALSE(next.contains("next_before"));
}

TEST_F(AdminQueueTest, BadInputIsAProblem) {
  expect_problem(admin(bhttp::verb::get, "/admin/queue/messages?state=lost"), 400,
                 "invalid-request");
  expect_problem(admin(bhttp::verb::get, "/admin/queue/messages?limit=0"), 400, "invalid-request");
  expect_problem(admin(bhttp::verb::get, "/admin/queue/messages?colour=red"), 400,
                 "invalid-request");
  expect_problem(admin(bhttp::verb::get, "/admin/queue/messages?state=%zz"), 400,
                 "malformed-request");
  expect_problem(admin(bhttp::verb::post, "/admin/queue/purge-dead?older_than=soon"), 400,
                 "invalid-request");
  expect_problem(admin(bhttp::verb::post, "/admin/queue/replay-dead"), 400, "invalid-request");
  expect_problem(admin(bhttp::verb::get, "/admin/queue/purge-dead?older_than=7d"), 405,
                 "method-not-allowed");
  expect_problem(admin(bhttp::verb::get, "/admin/queue/nothing"), 404, "not-found");
}

TEST_F(AdminQueueTest, ListFiltersByOperationAndAcceptedTime) {
  const auto at = [](std::chrono::hours ago) {
    return rfc3339_millis(store::to_millis(store::Clock::now() - ago));
  };
  auto progress =
      admin_json(bhttp::verb::get, "/admin/queue/messages?operation=update-progress")["messages"];
  ASSERT_EQ(progress.size(), 1u) << progress;
  EXPECT_EQ(progress[0]["id"], q_.behind);
  // Everything was accepted two days ago.
  const std::string three_days = at(std::chrono::hours(72));
  const std::string one_day = at(std::chrono::hours(24));
  EXPECT_EQ(
      admin_json(bhttp::verb::get, "/admin/queue/messages?since=" + three_days)["messages"].size(),
      3u);
  EXPECT_EQ(
      admin_json(bhttp::verb::get, "/admin/queue/messages?since=" + one_day)["messages"].size(),
      0u);
  auto window =
      admin_json(bhttp::verb::get, "/admin/queue/messages?connector=dvcqg&since=" + three_days +
                                       "&until=" + one_day + "&operation=sync-dossier")["messages"];
  ASSERT_EQ(window.size(), 1u) << window;
  EXPECT_EQ(window[0]["id"], q_.dead);
  // A local time with its offset, as the console sends it (%2B is "+").
  EXPECT_EQ(admin_json(bhttp::verb::get,
                       "/admin/queue/messages?until=2020-01-01T07:00:00%2B07:00")["messages"]
                .size(),
            0u);
}

TEST_F(AdminQueueTest, BadTimeFiltersAreProblems) {
  auto res = admin(bhttp::verb::get, "/admin/queue/messages?since=yesterday");
  expect_problem(res, 400, "invalid-request");
  EXPECT_NE(body_json(res)["detail"].get<std::string>().find("since must be an RFC 3339 time"),
            std::string::npos)
      << res.body();
  expect_problem(admin(bhttp::verb::get, "/admin/queue/messages?until=2026-02-30"), 400,
                 "invalid-request");
  auto backwards =
      admin(bhttp::verb::get, "/admin/queue/messages?since=2026-12-02T00:00:00Z&until=2026-12-01");
  expect_problem(backwards, 400, "invalid-request");
  EXPECT_NE(
      body_json(backwards)["detail"].get<std::string>().find("until must be later than since"),
      std::string::npos);
}

TEST_F(AdminQueueTest, ShowsOneMessageWithItsAttempts) {
  auto m = admin_json(bhttp::verb::get, "/admin/queue/messages/" + q_.delivered);
  EXPECT_EQ(m["state"], "delivered");
  EXPECT_EQ(m["result"], kSeedResult);
  ASSERT_EQ(m["attempts_log"].size(), 1u);
  EXPECT_EQ(m["attempts_log"][0]["node"], "test-node");
  auto missing = admin(bhttp::verb::get, "/admin/queue/messages/no-such-id");
  expect_problem(missing, 404, "not-found");
  EXPECT_NE(body_json(missing)["detail"].get<std::string>().find("no message no-such-id"),
            std::string::npos);
}

TEST_F(AdminQueueTest, ReplayKeepsIdAndOrderingKey) {
  auto refused = admin(bhttp::verb::post, "/admin/queue/messages/" + q_.behind + "/replay");
  expect_problem(refused, 409, "conflict");
  EXPECT_NE(body_json(refused)["detail"].get<std::string>().find("is queued"), std::string::npos);
  auto done = admin_json(bhttp::verb::post, "/admin/queue/messages/" + q_.dead + "/replay");
  EXPECT_EQ(done["id"], q_.dead);
  auto m = admin_json(bhttp::verb::get, "/admin/queue/messages/" + q_.dead);
  EXPECT_EQ(m["state"], "queued");
  EXPECT_EQ(m["ordering_key"], "K1");
  EXPECT_EQ(admin_json(bhttp::verb::get, "/admin/queue/messages/" + q_.behind)["waiting_behind"],
            q_.dead);
}

TEST_F(AdminQueueTest, ReplayDeadAndPurgeDead) {
  auto none = admin_json(bhttp::verb::post, "/admin/queue/purge-dead?older_than=7d");
  EXPECT_EQ(none["removed"], 0);
  auto replayed = admin_json(bhttp::verb::post, "/admin/queue/replay-dead?connector=dkdn");
  EXPECT_EQ(replayed["replayed"], 0);
  auto purged = admin_json(bhttp::verb::post, "/admin/queue/purge-dead?older_than=1d");
  EXPECT_EQ(purged["removed"], 1);
  expect_problem(admin(bhttp::verb::get, "/admin/queue/messages/" + q_.dead), 404, "not-found");
}

TEST_F(AdminQueueTest, ReplayDeadOfAConnector) {
  auto replayed = admin_json(bhttp::verb::post, "/admin/queue/replay-dead?connector=dvcqg");
  EXPECT_EQ(replayed["replayed"], 1);
  EXPECT_EQ(admin_json(bhttp::verb::get, "/admin/queue/messages?state=dead")["messages"].size(),
            0u);
}

}  // namespace
}  // namespace lienthong::testing
