// The grouped counts the metrics read at scrape time (counts.hpp), on both databases.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/store/counts.hpp"
#include "store_fixture.hpp"

namespace lienthong::store::testing {
namespace {

const QueueCount* find(const std::vector<QueueCount>& counts, const std::string& connector,
                       MessageState state) {
  const auto it = std::find_if(counts.begin(), counts.end(), [&](const QueueCount& c) {
    return c.connector == connector && c.state == state;
  });
  return it == counts.end() ? nullptr : &*it;
}

TEST_P(StoreTest, CountsUnfinishedMessagesByConnectorAndState) {
  auto s = open();
  auto empty = s->count_unfinished();
  ASSERT_TRUE(empty) << empty.error().detail;
  EXPECT_TRUE(empty->empty());

  const auto first_accepted = now();
  accept(*s, message());
  advance(std::chrono::seconds(5));
  accept(*s, message());
  auto other = message();
  other.connector = "dkdn";
  accept(*s, other);
  accept(*s, message());
  // One of them delivered (finished: not counted), one in flight.
  auto claimed = claim(*s, "node-a", 2);
  ASSERT_EQ(claimed.size(), 2U);
  ASSERT_TRUE(record(*s, claimed[0].lease, AttemptOutcome::delivered("{}")));

  auto counts = s->count_unfinished();
  ASSERT_TRUE(counts) << counts.error().detail;
  std::int64_t total = 0;
  for (const auto& c : *counts) total += c.messages;
  EXPECT_EQ(total, 3);
  const auto* in_flight = find(*counts, claimed[1].message.connector, MessageState::kInFlight);
  ASSERT_NE(in_flight, nullptr);
  EXPECT_EQ(in_flight->messages, 1);
  const auto* dkdn = find(*counts, "dkdn", MessageState::kQueued);
  ASSERT_NE(dkdn, nullptr);
  EXPECT_EQ(dkdn->messages, 1);
  EXPECT_GE(dkdn->oldest_accepted_at, first_accepted + std::chrono::seconds(5));
}

TEST_P(StoreTest, CountsRecordsOfAKindByState) {
  auto s = open();
  for (const char* id : {"p1", "p2", "p3"}) {
    NewRecord r{"payment", id, "tester", "", "awaiting", "{}", "create"};
    auto made = wait<RecordCreated>([&](auto done) { s->create_record(r, done); });
    ASSERT_TRUE(made) << made.error().detail;
  }
  NewRecord other{"document", "d1", "tester", "", "awaiting", "{}", "create"};
  ASSERT_TRUE(wait<RecordCreated>([&](auto done) { s->create_record(other, done); }));
  RecordChange paid{"payment", "p1", {"awaiting"}, "paid", "", "ipn", ""};
  ASSERT_TRUE(wait<ChangeOutcome>([&](auto done) { s->change_record(paid, std::nullopt, done); }));

  auto counts = s->count_records("payment");
  ASSERT_TRUE(counts) << counts.error().detail;
  std::map<std::string, std::int64_t> by_state;
  for (const auto& c : *counts) by_state[c.state] = c.records;
  EXPECT_EQ(by_state, (std::map<std::string, std::int64_t>{{"awaiting", 2}, {"paid", 1}}));
}

}  // namespace
}  // namespace lienthong::store::testing
