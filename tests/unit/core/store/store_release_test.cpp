// Handing a claimed message back untried (the hub's own circuit or quota held the call back),
// on SQLite and PostgreSQL alike (instantiated in store_conformance_test.cpp).
#include <gtest/gtest.h>

#include "core/store/message_store.hpp"
#include "store_fixture.hpp"

namespace lienthong::store::testing {
namespace {

using std::chrono::seconds;

Result<void> release(MessageStore& s, const Lease& lease, const std::string& why) {
  return wait<void>([&](auto done) { s.release(lease, why, done); });
}

TEST_P(StoreTest, AReleasedMessageIsQueuedAgainWithoutBurningAnAttempt) {
  auto s = open();
  auto a = accept(*s, message());
  auto c = claim(*s, "n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].lease.attempt, 1);
  ASSERT_TRUE(release(*s, c[0].lease, "circuit_open"));

  auto st = s->get(a.id);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, MessageState::kQueued);
  EXPECT_EQ(st->attempts, 0);
  EXPECT_EQ(st->waiting_for, "circuit_open");
  EXPECT_EQ(st->next_attempt_at, now());
  EXPECT_TRUE(s->attempts(a.id)->empty());  // nothing was sent, nothing is logged

  auto again = claim(*s, "n");  // claimable at once: the loop's pause is what holds it back
  ASSERT_EQ(ids(again), (std::vector<std::string>{a.id}));
  EXPECT_EQ(again[0].lease.attempt, 1);
  ASSERT_TRUE(record(*s, again[0].lease, AttemptOutcome::delivered("{}")));
  st = s->get(a.id);
  EXPECT_EQ(st->state, MessageState::kDelivered);
  EXPECT_EQ(st->attempts, 1);
  EXPECT_TRUE(st->waiting_for.empty());
}

TEST_P(StoreTest, AReleasedRetryKeepsItsAttemptsAndHoldsItsKey) {
  auto s = open();
  auto a1 = accept(*s, message("K"));
  auto a2 = accept(*s, message("K"));
  auto c = claim(*s, "n");
  ASSERT_EQ(ids(c), (std::vector<std::string>{a1.id}));
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::retry("HTTP 503", now() + seconds(5))));
  advance(seconds(5));
  c = claim(*s, "n");
  ASSERT_EQ(ids(c), (std::vector<std::string>{a1.id}));
  EXPECT_EQ(c[0].lease.attempt, 2);
  ASSERT_TRUE(release(*s, c[0].lease, "rate_limit"));

  auto st = s->get(a1.id);
  EXPECT_EQ(st->state, MessageState::kRetrying);
  EXPECT_EQ(st->attempts, 1);
  EXPECT_EQ(st->last_error, "HTTP 503");  // the last real attempt's error stays
  EXPECT_EQ(st->waiting_for, "rate_limit");
  EXPECT_EQ(s->get(a2.id)->waiting_behind, a1.id);

  c = claim(*s, "n");
  ASSERT_EQ(ids(c), (std::vector<std::string>{a1.id}));  // still first of its key
  EXPECT_EQ(c[0].lease.attempt, 2);                      // the attempt it did not burn
  EXPECT_TRUE(s->get(a1.id)->waiting_for.empty());       // in flight: it waits for nothing
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::retry("HTTP 503", now())));
  EXPECT_TRUE(s->get(a1.id)->waiting_for.empty());
  auto log = s->attempts(a1.id);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[1].attempt, 2);
}

TEST_P(StoreTest, AReleaseWithALeaseThatIsNoLongerOursIsRefused) {
  auto s1 = open();
  auto s2 = open();
  auto a = accept(*s1, message());
  auto old = claim(*s1, "n1", 10, seconds(1));
  ASSERT_EQ(old.size(), 1u);
  advance(seconds(2));
  auto taken = claim(*s2, "n2");
  ASSERT_EQ(taken.size(), 1u);

  auto refused = release(*s1, old[0].lease, "circuit_open");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ProblemKind::kConflict);
  auto st = s2->get(a.id);
  EXPECT_EQ(st->state, MessageState::kInFlight);
  EXPECT_EQ(st->attempts, 2);

  Lease unknown = old[0].lease;
  unknown.message_id = "0190f7c2-0000-7000-8000-000000000000";
  auto missing = release(*s1, unknown, "circuit_open");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ProblemKind::kNotFound);
}

// A database of schema 1 (from the hub before release existed) gets the column on open.
TEST_P(StoreTest, StepTwoAddsWaitingForToADatabaseOfStepOne) {
  std::string id;
  {
    auto s = open();
    id = accept(*s, message("K")).id;
  }
  undo_step_four();
  raw_exec("ALTER TABLE messages DROP COLUMN waiting_for");
  raw_exec("DROP TABLE record_events");
  raw_exec("DROP TABLE records");
  raw_exec("DELETE FROM schema_version WHERE version >= 2");
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(*s->schema_version(), 4);
  auto c = claim(*s, "n");
  ASSERT_EQ(ids(c), (std::vector<std::string>{id}));
  ASSERT_TRUE(release(*s, c[0].lease, "rate_limit"));
  EXPECT_EQ(s->get(id)->waiting_for, "rate_limit");
}

// The provincial target of an inbound push is not the paused connector's far side.
TEST_P(StoreTest, InboundPushesOfAPausedConnectorStillFlow) {
  auto s = open();
  auto outbound = accept(*s, message());
  auto push = message();
  push.operation = "inbound/status-callback";
  auto inbound = accept(*s, push);
  ClaimRequest request{"n", seconds(30), 10, {"dvcqg"}};
  auto claimed = wait<std::vector<ClaimedMessage>>([&](auto done) { s->claim(request, done); });
  ASSERT_TRUE(claimed);
  EXPECT_EQ(ids(*claimed), (std::vector<std::string>{inbound.id}));
  EXPECT_EQ(s->get(outbound.id)->state, MessageState::kQueued);
}

}  // namespace
}  // namespace lienthong::store::testing
