#include "core/delivery/queue_json.hpp"

#include <gtest/gtest.h>

namespace lienthong::delivery {
namespace {

store::MessageStatus delivered() {
  store::MessageStatus m;
  m.id = "m1";
  m.connector = "dkdn";
  m.operation = "lookup-enterprise";
  m.state = store::MessageState::kDelivered;
  m.attempts = 1;
  m.result = R"({"name":"Công ty A"})";
  m.accepted_at = store::from_millis(1'764'615'879'123);
  m.finished_at = store::from_millis(1'764'615'880'000);
  return m;
}

TEST(QueueJson, SummaryShowsTheResultSizeNotTheResult) {
  auto j = message_json(delivered(), MessageView::kSummary);
  EXPECT_FALSE(j.contains("result"));
  EXPECT_EQ(j["result_bytes"], delivered().result.size());
  EXPECT_EQ(j["state"], "delivered");
  EXPECT_EQ(j["accepted_at"], "2025-12-01T19:04:39.123Z");
  EXPECT_FALSE(j.contains("ordering_key"));
}

TEST(QueueJson, FullShowsTheResult) {
  auto j = message_json(delivered(), MessageView::kFull);
  EXPECT_EQ(j["result"], delivered().result);
  EXPECT_EQ(j["finished_at"], "2025-12-01T19:04:40.000Z");
}

TEST(QueueJson, AttemptsInOrder) {
  std::vector<store::AttemptRecord> attempts = {
      {1, "node-a", store::from_millis(0), store::MessageState::kRetrying, "HTTP 500"},
      {2, "node-b", store::from_millis(1000), store::MessageState::kDead, "refused"}};
  auto j = attempts_json(attempts);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["outcome"], "retrying");
  EXPECT_EQ(j[1]["node"], "node-b");
  EXPECT_EQ(j[1]["ended_at"], "1970-01-01T00:00:01.000Z");
}

}  // namespace
}  // namespace lienthong::delivery
