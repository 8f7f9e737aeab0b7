// State records (record.hpp) on both databases: idempotent creation, compare-and-set changes
// with the message they cause in the same transaction, concurrent changes on one and two nodes,
// history, listing, removal, the schema step, and that retention leaves records alone.
#include <thread>

#include "store_fixture.hpp"

namespace lienthong::store::testing {
namespace {

NewRecord payment(std::string id, std::string key = {}) {
  return {"payment",  std::move(id),     "tester", std::move(key),
          "awaiting", R"({"amount":1})", "create"};
}

RecordChange pay(std::string id) {
  return {"payment", std::move(id), {"awaiting"}, "paid", R"({"amount":1,"paid":true})",
          "ipn",     "MaLoi 00"};
}

Result<RecordCreated> create(MessageStore& s, NewRecord r) {
  return wait<RecordCreated>([&](auto done) { s.create_record(std::move(r), done); });
}

Result<ChangeOutcome> change(MessageStore& s, RecordChange c,
                             std::optional<NewMessage> m = std::nullopt) {
  return wait<ChangeOutcome>([&](auto done) { s.change_record(std::move(c), std::move(m), done); });
}

TEST_P(StoreTest, ARecordIsCreatedOnceAndItsIdempotencyKeyAnswersTheFirst) {
  auto s = open();
  auto first = create(*s, payment("P1", "key-1"));
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->record.version, 1);
  auto again = create(*s, payment("P2", "key-1"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->record.id, "P1");
  EXPECT_EQ(s->get_record("payment", "P2").error().kind, ProblemKind::kNotFound);
  auto other_client = payment("P3", "key-1");
  other_client.client = "other";
  EXPECT_TRUE(create(*s, other_client)->created) << "a key belongs to its client";
  auto duplicate = create(*s, payment("P1"));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().kind, ProblemKind::kConflict);
  auto read = s->get_record("payment", "P1");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->state, "awaiting");
  EXPECT_EQ(read->data, R"({"amount":1})");
  EXPECT_EQ(read->client, "tester");
}

TEST_P(StoreTest, AChangeAppliesOnlyFromItsStatesAndKeepsTheHistory) {
  auto s = open();
  ASSERT_TRUE(create(*s, payment("P1")));
  advance(std::chrono::seconds(5));
  auto paid = change(*s, pay("P1"));
  ASSERT_TRUE(paid) << paid.error().detail;
  EXPECT_TRUE(paid->applied);
  EXPECT_EQ(paid->record.state, "paid");
  EXPECT_EQ(paid->record.version, 2);
  auto again = change(*s, pay("P1"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->applied);
  EXPECT_EQ(again->record.state, "paid") << "answered as found";
  EXPECT_EQ(s->get_record("payment", "P1")->version, 2);
  EXPECT_EQ(s->get_record("payment", "P1")->data, R"({"amount":1,"paid":true})");
  auto events = s->record_events("payment", "P1");
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 2U);
  EXPECT_EQ((*events)[0].from_state, "");
  EXPECT_EQ((*events)[0].to_state, "awaiting");
  EXPECT_EQ((*events)[1].from_state, "awaiting");
  EXPECT_EQ((*events)[1].to_state, "paid");
  EXPECT_EQ((*events)[1].cause, "ipn");
  EXPECT_EQ((*events)[1].detail, "MaLoi 00");
  EXPECT_EQ((*events)[1].at, now());
  auto missing = change(*s, pay("nope"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ProblemKind::kNotFound);
}

TEST_P(StoreTest, TheMessageOfAChangeIsStoredWithItOrNotAtAll) {
  auto s = open();
  ASSERT_TRUE(create(*s, payment("P1")));
  ASSERT_TRUE(create(*s, payment("P2")));
  auto push = message("DOSSIER-1");
  push.id = "push-1";
  auto paid = change(*s, pay("P1"), push);
  ASSERT_TRUE(paid && paid->applied);
  ASSERT_TRUE(paid->message);
  EXPECT_EQ(paid->message->id, "push-1");
  EXPECT_EQ(s->get("push-1")->state, MessageState::kQueued);

  // Not applied: no message.
  auto late = message("DOSSIER-1");
  late.id = "push-2";
  auto again = change(*s, pay("P1"), late);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->applied);
  EXPECT_FALSE(again->message);
  EXPECT_EQ(s->get("push-2").error().kind, ProblemKind::kNotFound);

  // The message refused (its Idempotency-Key reused for another body): the state stays too.
  accept(*s, message("K", "idem-1", R"({"a":1})"));
  auto refused = change(*s, pay("P2"), message("K", "idem-1", R"({"a":2})"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ProblemKind::kConflict);
  EXPECT_EQ(s->get_record("payment", "P2")->state, "awaiting");
  EXPECT_EQ(s->record_events("payment", "P2")->size(), 1U);
}

TEST_P(StoreTest, ConcurrentChangesApplyOnceOnOneNodeAndOnTwo) {
  auto a = open();
  auto b = open();  // a second node on the same database
  ASSERT_TRUE(create(*a, payment("P1")));
  std::atomic<int> applied{0};
  std::atomic<int> messages{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto m = message("DOSSIER-1");
      m.id = "push-" + std::to_string(i);
      auto r = change(i % 2 == 0 ? *a : *b, pay("P1"), m);
      ASSERT_TRUE(r) << r.error().detail;
      if (r->applied) ++applied;
      if (r->message) ++messages;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(applied.load(), 1);
  EXPECT_EQ(messages.load(), 1);
  EXPECT_EQ(a->list({})->size(), 1U) << "one push stored";
  EXPECT_EQ(a->record_events("payment", "P1")->size(), 2U);
}

TEST_P(StoreTest, RecordsAreListedNewestFirstByKindStateAndTime) {
  auto s = open();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(create(*s, payment("P" + std::to_string(i))));
    advance(std::chrono::seconds(1));
  }
  ASSERT_TRUE(create(*s, {"other", "O1", "tester", "", "awaiting", "{}", "create"}));
  ASSERT_TRUE(change(*s, pay("P1")));
  RecordFilter all{.kind = "payment"};
  auto listed = s->list_records(all);
  ASSERT_TRUE(listed) << listed.error().detail;
  ASSERT_EQ(listed->size(), 5U);
  EXPECT_EQ(listed->front().id, "P4");
  RecordFilter paid{.kind = "payment", .state = "paid"};
  ASSERT_EQ(s->list_records(paid)->size(), 1U);
  RecordFilter page{.kind = "payment", .limit = 2, .before = "P3"};
  auto next = s->list_records(page);
  ASSERT_EQ(next->size(), 2U);
  EXPECT_EQ((*next)[0].id, "P2");
  EXPECT_EQ((*next)[1].id, "P1");
  const auto start = from_millis(1'780'000'000'000);
  RecordFilter window{.kind = "payment",
                      .created_from = start + std::chrono::seconds(1),
                      .created_to = start + std::chrono::seconds(3)};
  auto in_window = s->list_records(window);
  ASSERT_EQ(in_window->size(), 2U);
  EXPECT_EQ((*in_window)[0].id, "P2");
}

TEST_P(StoreTest, ARecordIsRemovedOnlyFromTheStatesNamed) {
  auto s = open();
  ASSERT_TRUE(create(*s, payment("P1")));
  auto remove = [&](std::vector<std::string> states) {
    return wait<bool>([&](auto done) { s->remove_record("payment", "P1", states, done); });
  };
  EXPECT_FALSE(*remove({"initiating"}));
  EXPECT_TRUE(s->get_record("payment", "P1"));
  EXPECT_TRUE(*remove({"awaiting"}));
  EXPECT_EQ(s->get_record("payment", "P1").error().kind, ProblemKind::kNotFound);
  EXPECT_TRUE(s->record_events("payment", "P1")->empty());
  EXPECT_TRUE(create(*s, payment("P1"))->created) << "the id is free again";
}

TEST_P(StoreTest, RetentionLeavesRecordsAlone) {
  auto s = open();
  ASSERT_TRUE(create(*s, payment("P1")));
  advance(std::chrono::hours(24 * 400));
  ASSERT_TRUE(wait<int>([&](auto done) { s->remove_expired(std::chrono::hours(24), done); }));
  EXPECT_TRUE(s->get_record("payment", "P1"));
}

TEST_P(StoreTest, StepThreeAddsRecordsToADatabaseOfStepTwo) {
  std::string id;
  {
    auto s = open();
    id = accept(*s, message("K")).id;
  }
  raw_exec("DROP TABLE record_events");
  raw_exec("DROP TABLE records");
  undo_step_four();
  raw_exec("DELETE FROM schema_version WHERE version = 3");
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(*s->schema_version(), 4);
  EXPECT_TRUE(s->get(id)) << "the messages stay";
  EXPECT_TRUE(create(*s, payment("P1"))->created);
}

}  // namespace
}  // namespace lienthong::store::testing
