// The behaviour every MessageStore must have, run against SQLite and PostgreSQL alike.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "core/base/digest.hpp"
#include "core/store/message_store.hpp"
#include "core/store/queued_store.hpp"
#include "store_fixture.hpp"

namespace lienthong::store::testing {
namespace {

using std::chrono::seconds;

TEST_P(StoreTest, AcceptedMessageIsQueuedWithWhatDeliveryNeeds) {
  auto s = open();
  ASSERT_TRUE(s);
  auto a = accept(*s, message("HS-1"));
  EXPECT_EQ(a.id.size(), 36u);
  EXPECT_FALSE(a.duplicate);
  auto st = s->get(a.id);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, MessageState::kQueued);
  EXPECT_EQ(st->attempts, 0);
  EXPECT_EQ(st->connector, "dvcqg");
  EXPECT_EQ(st->ordering_key, "HS-1");
  EXPECT_EQ(st->accepted_at, now());
  EXPECT_EQ(st->next_attempt_at, now());
  EXPECT_TRUE(st->waiting_behind.empty());

  auto claimed = claim(*s, "node-a");
  ASSERT_EQ(claimed.size(), 1u);
  const auto& m = claimed[0].message;
  EXPECT_EQ(m.id, a.id);
  EXPECT_EQ(m.body, R"({"MaHoSo":"000.00.00.H01-250101-0001"})");
  EXPECT_EQ(m.body_hash, sha256_hex(m.body));
  EXPECT_EQ(m.headers.at("X-Correlation-ID"), "corr-1");
  EXPECT_EQ(m.operation, "sync-dossier");
  EXPECT_EQ(claimed[0].lease.attempt, 1);
  EXPECT_EQ(s->get(a.id)->state, MessageState::kInFlight);

  ASSERT_TRUE(record(*s, claimed[0].lease, AttemptOutcome::delivered(R"({"ok":true})")));
  st = s->get(a.id);
  EXPECT_EQ(st->state, MessageState::kDelivered);
  EXPECT_EQ(st->result, R"({"ok":true})");
  EXPECT_EQ(st->attempts, 1);
  EXPECT_EQ(st->finished_at, now());
  EXPECT_FALSE(st->next_attempt_at);
  EXPECT_TRUE(claim(*s, "node-a").empty());
}

TEST_P(StoreTest, UnknownIdIsNotFound) {
  auto s = open();
  auto st = s->get("0190aaaa-0000-7000-8000-000000000000");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind, ProblemKind::kNotFound);
}

TEST_P(StoreTest, SameIdempotencyKeyAnswersTheFirstMessage) {
  auto s = open();
  auto first = accept(*s, message("", "key-1"));
  auto again = accept(*s, message("", "key-1"));
  EXPECT_EQ(again.id, first.id);
  EXPECT_TRUE(again.duplicate);
  auto other = message("", "key-1");
  other.client = "another-province";
  EXPECT_NE(accept(*s, other).id, first.id);
  EXPECT_EQ(s->list({})->size(), 2u);
}

TEST_P(StoreTest, SameIdempotencyKeyWithAnotherBodyConflicts) {
  auto s = open();
  accept(*s, message("", "key-1", R"({"a":1})"));
  auto r = wait<Accepted>([&](auto done) { s->accept(message("", "key-1", R"({"a":2})"), done); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ProblemKind::kConflict);
}

TEST_P(StoreTest, IdempotentAcceptsInOneBatchStoreOneMessage) {
  auto s = open();
  std::vector<std::future<Result<Accepted>>> futures;
  std::vector<std::shared_ptr<std::promise<Result<Accepted>>>> promises;
  futures.reserve(20);
  promises.reserve(20);
  for (int i = 0; i < 20; ++i) {
    auto p = std::make_shared<std::promise<Result<Accepted>>>();
    futures.push_back(p->get_future());
    s->accept(message("", "same"), [p](Result<Accepted> r) { p->set_value(std::move(r)); });
    promises.push_back(p);
  }
  std::set<std::string> distinct;
  for (auto& f : futures) {
    auto r = f.get();
    ASSERT_TRUE(r);
    distinct.insert(r->id);
  }
  EXPECT_EQ(distinct.size(), 1u);
}

TEST_P(StoreTest, ARetryingHeadBlocksItsKeyButNotOthers) {
  auto s = open();
  auto a1 = accept(*s, message("A"));
  auto a2 = accept(*s, message("A"));
  auto b1 = accept(*s, message("B"));
  auto free1 = accept(*s, message());

  auto first = claim(*s, "n");
  EXPECT_EQ(ids(first), (std::vector<std::string>{a1.id, b1.id, free1.id}));
  EXPECT_EQ(s->get(a2.id)->waiting_behind, a1.id);

  ASSERT_TRUE(record(*s, first[0].lease, AttemptOutcome::retry("HTTP 503", now() + seconds(10))));
  auto st = s->get(a1.id);
  EXPECT_EQ(st->state, MessageState::kRetrying);
  EXPECT_EQ(st->last_error, "HTTP 503");
  EXPECT_EQ(st->next_attempt_at, now() + seconds(10));
  EXPECT_EQ(s->get(a2.id)->waiting_behind, a1.id);

  auto b2 = accept(*s, message("B"));
  ASSERT_TRUE(record(*s, first[1].lease, AttemptOutcome::delivered("{}")));
  EXPECT_EQ(ids(claim(*s, "n")), (std::vector<std::string>{b2.id}));  // A is blocked, B flows

  advance(seconds(10));
  auto again = claim(*s, "n");
  ASSERT_EQ(ids(again), (std::vector<std::string>{a1.id}));
  EXPECT_EQ(again[0].lease.attempt, 2);
  ASSERT_TRUE(record(*s, again[0].lease, AttemptOutcome::delivered("{}")));
  EXPECT_EQ(ids(claim(*s, "n")), (std::vector<std::string>{a2.id}));
  auto log = s->attempts(a1.id);
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].attempt, 1);
  EXPECT_EQ((*log)[0].outcome, MessageState::kRetrying);
  EXPECT_EQ((*log)[0].detail, "HTTP 503");
  EXPECT_EQ((*log)[0].node_id, "n");
  EXPECT_EQ((*log)[1].attempt, 2);
  EXPECT_EQ((*log)[1].outcome, MessageState::kDelivered);
  EXPECT_EQ((*log)[1].ended_at, now());
  EXPECT_TRUE(s->get(a2.id)->waiting_behind.empty());
}

TEST_P(StoreTest, ClaimTakesAtMostMaxOldestFirst) {
  auto s = open();
  std::vector<std::string> all;
  all.reserve(5);
  for (int i = 0; i < 5; ++i) all.push_back(accept(*s, message()).id);
  EXPECT_EQ(ids(claim(*s, "n", 2)), (std::vector<std::string>{all[0], all[1]}));
  EXPECT_EQ(ids(claim(*s, "n", 10)), (std::vector<std::string>{all[2], all[3], all[4]}));
}

TEST_P(StoreTest, MessagesOfAPausedConnectorWaitWithoutBurningAttempts) {
  auto s = open();
  auto pay = message();
  pay.connector = "paygov";
  auto p = accept(*s, pay);
  auto d = accept(*s, message());
  ClaimRequest request{"n", seconds(30), 10, {"paygov", "dancu"}};
  auto claimed = wait<std::vector<ClaimedMessage>>([&](auto done) { s->claim(request, done); });
  ASSERT_TRUE(claimed);
  EXPECT_EQ(ids(*claimed), (std::vector<std::string>{d.id}));
  auto st = s->get(p.id);
  EXPECT_EQ(st->state, MessageState::kQueued);
  EXPECT_EQ(st->attempts, 0);
  EXPECT_EQ(ids(claim(*s, "n")), (std::vector<std::string>{p.id}));  // circuit closed again
}

TEST_P(StoreTest, AnExpiredLeaseIsTakenOverAndTheOldHolderIsFencedOff) {
  auto s1 = open();
  auto s2 = open();  // a second hub on the same database
  auto a = accept(*s1, message("K"));
  auto held = claim(*s1, "node-1", 10, seconds(5));
  ASSERT_EQ(held.size(), 1u);
  EXPECT_TRUE(claim(*s2, "node-2").empty());

  advance(seconds(4));
  auto renewed = wait<Lease>([&](auto done) { s1->renew_lease(held[0].lease, seconds(5), done); });
  ASSERT_TRUE(renewed);
  EXPECT_EQ(renewed->until, now() + seconds(5));
  advance(seconds(4));
  EXPECT_TRUE(claim(*s2, "node-2").empty());

  advance(seconds(2));  // node-1 died: its lease ran out
  auto taken = claim(*s2, "node-2");
  ASSERT_EQ(ids(taken), (std::vector<std::string>{a.id}));
  EXPECT_EQ(taken[0].lease.attempt, 2);

  auto late = record(*s1, held[0].lease, AttemptOutcome::delivered("{}"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().kind, ProblemKind::kConflict);
  auto stale = wait<Lease>([&](auto done) { s1->renew_lease(held[0].lease, seconds(5), done); });
  EXPECT_FALSE(stale);
  ASSERT_TRUE(record(*s2, taken[0].lease, AttemptOutcome::delivered("{}")));
  EXPECT_EQ(s1->get(a.id)->state, MessageState::kDelivered);
}

TEST_P(StoreTest, ADeadMessageDoesNotBlockItsKeyAndReplayKeepsItsPlace) {
  auto s = open();
  auto a1 = accept(*s, message("A"));
  auto a2 = accept(*s, message("A"));
  auto a3 = accept(*s, message("A"));
  auto c = claim(*s, "n");
  ASSERT_EQ(ids(c), (std::vector<std::string>{a1.id}));
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::dead("HTTP 400: MaHoSo invalid")));
  auto st = s->get(a1.id);
  EXPECT_EQ(st->state, MessageState::kDead);
  EXPECT_EQ(st->dead_reason, "HTTP 400: MaHoSo invalid");

  c = claim(*s, "n");  // a poison message never blocks the others
  ASSERT_EQ(ids(c), (std::vector<std::string>{a2.id}));
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::delivered("{}")));

  ASSERT_TRUE(wait<void>([&](auto done) { s->replay(a1.id, "tester", done); }));
  st = s->get(a1.id);
  EXPECT_EQ(st->state, MessageState::kQueued);
  EXPECT_EQ(st->attempts, 0);
  EXPECT_EQ(st->ordering_key, "A");
  EXPECT_EQ(s->get(a3.id)->waiting_behind, a1.id);  // back in its place: before a3
  c = claim(*s, "n");
  ASSERT_EQ(ids(c), (std::vector<std::string>{a1.id}));
  EXPECT_EQ(c[0].lease.attempt, 1);

  auto not_dead = wait<void>([&](auto done) { s->replay(a3.id, "tester", done); });
  ASSERT_FALSE(not_dead);
  EXPECT_EQ(not_dead.error().kind, ProblemKind::kConflict);
  auto missing = wait<void>([&](auto done) { s->replay("nope", "tester", done); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ProblemKind::kNotFound);
}

TEST_P(StoreTest, AReplayedMessageWaitsForTheOneInFlightOfItsKey) {
  auto s = open();
  auto a1 = accept(*s, message("A"));
  auto a2 = accept(*s, message("A"));
  auto c = claim(*s, "n");
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::dead("bad")));
  auto in_flight = claim(*s, "n");
  ASSERT_EQ(ids(in_flight), (std::vector<std::string>{a2.id}));
  ASSERT_TRUE(wait<void>([&](auto done) { s->replay(a1.id, "tester", done); }));
  EXPECT_TRUE(claim(*s, "n").empty());
  EXPECT_EQ(s->get(a1.id)->waiting_behind, a2.id);
  ASSERT_TRUE(record(*s, in_flight[0].lease, AttemptOutcome::delivered("{}")));
  EXPECT_EQ(ids(claim(*s, "n")), (std::vector<std::string>{a1.id}));
}

TEST_P(StoreTest, ReplayAllDeadOfOneConnector) {
  auto s = open();
  for (const char* connector : {"dvcqg", "dvcqg", "paygov"}) {
    auto m = message();
    m.connector = connector;
    accept(*s, m);
  }
  for (const auto& c : claim(*s, "n")) ASSERT_TRUE(record(*s, c.lease, AttemptOutcome::dead("x")));
  auto n = wait<int>([&](auto done) { s->replay_all_dead("dvcqg", "tester", done); });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 2);
  ListFilter dead;
  dead.state = MessageState::kDead;
  auto still_dead = s->list(dead);
  ASSERT_EQ(still_dead->size(), 1u);
  EXPECT_EQ((*still_dead)[0].connector, "paygov");
  EXPECT_EQ(*wait<int>([&](auto done) { s->replay_all_dead("", "tester", done); }), 1);
}

TEST_P(StoreTest, PurgeDeadRemovesOnlyOldDeadMessages) {
  auto s = open();
  auto old_dead = accept(*s, message());
  auto delivered = accept(*s, message());
  auto c = claim(*s, "n");
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::dead("x")));
  ASSERT_TRUE(record(*s, c[1].lease, AttemptOutcome::delivered("{}")));
  advance(std::chrono::hours(48));
  auto new_dead = accept(*s, message());
  c = claim(*s, "n");
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::dead("x")));

  auto n =
      wait<int>([&](auto done) { s->purge_dead(now() - std::chrono::hours(24), "tester", done); });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(s->get(old_dead.id).error().kind, ProblemKind::kNotFound);
  EXPECT_TRUE(s->get(delivered.id));
  EXPECT_TRUE(s->get(new_dead.id));
}

TEST_P(StoreTest, RetentionRemovesFinishedMessagesAndFreesTheirIdempotencyKeys) {
  auto s = open();
  auto done_old = accept(*s, message("", "k-old"));
  auto c = claim(*s, "n");
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::delivered("{}")));
  auto pending = accept(*s, message("", "k-pending"));
  advance(std::chrono::hours(24 * 31));
  auto done_new = accept(*s, message());
  c = claim(*s, "n");
  ASSERT_EQ(c.size(), 2u);
  ASSERT_TRUE(record(*s, c[1].lease, AttemptOutcome::delivered("{}")));
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::retry("timeout", now() + seconds(1))));

  auto n = wait<int>([&](auto done) { s->remove_expired(std::chrono::hours(24 * 30), done); });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 1);
  EXPECT_FALSE(s->get(done_old.id));
  EXPECT_TRUE(s->get(pending.id));  // unfinished messages are never removed
  EXPECT_TRUE(s->get(done_new.id));
  auto reused = accept(*s, message("", "k-old"));
  EXPECT_FALSE(reused.duplicate);
  EXPECT_NE(reused.id, done_old.id);
  EXPECT_TRUE(accept(*s, message("", "k-pending")).duplicate);
}

TEST_P(StoreTest, ListFiltersAndPagesNewestFirst) {
  auto s = open();
  std::vector<std::string> all;
  all.reserve(5);
  for (int i = 0; i < 5; ++i) all.push_back(accept(*s, message()).id);
  auto pay = message();
  pay.connector = "paygov";
  auto p = accept(*s, pay);
  ListFilter f;
  f.connector = "dvcqg";
  f.limit = 3;
  auto page1 = s->list(f);
  ASSERT_EQ(page1->size(), 3u);
  EXPECT_EQ((*page1)[0].id, all[4]);
  f.before_id = (*page1)[2].id;
  auto page2 = s->list(f);
  ASSERT_EQ(page2->size(), 2u);
  EXPECT_EQ((*page2)[1].id, all[0]);
  ListFilter queued;
  queued.state = MessageState::kQueued;
  EXPECT_EQ(s->list(queued)->size(), 6u);
  queued.state = MessageState::kDelivered;
  EXPECT_TRUE(s->list(queued)->empty());
  EXPECT_EQ((*s->list({}))[0].id, p.id);
}

TEST_P(StoreTest, ListFiltersByOperationAndAcceptedTime) {
  auto s = open();
  const auto t0 = now();
  auto first = accept(*s, message());  // sync-dossier at t0
  advance(seconds(60));
  auto progress = message();
  progress.operation = "update-progress";
  auto second = accept(*s, progress);  // at t0 + 60 s
  advance(seconds(60));
  auto third = accept(*s, message());  // at t0 + 120 s
  ListFilter f;
  f.operation = "sync-dossier";
  auto sync = s->list(f);
  ASSERT_TRUE(sync);
  ASSERT_EQ(sync->size(), 2u);
  EXPECT_EQ((*sync)[0].id, third.id);
  EXPECT_EQ((*sync)[1].id, first.id);
  ListFilter window;
  window.accepted_since = t0 + seconds(60);   // inclusive
  window.accepted_until = t0 + seconds(120);  // exclusive
  auto in_window = s->list(window);
  ASSERT_EQ(in_window->size(), 1u);
  EXPECT_EQ((*in_window)[0].id, second.id);
  window.accepted_until.reset();
  EXPECT_EQ(s->list(window)->size(), 2u);
  window.operation = "update-progress";
  EXPECT_EQ(s->list(window)->size(), 1u);
  window.operation = "lookup-dossier";
  EXPECT_TRUE(s->list(window)->empty());
}

TEST_P(StoreTest, MigrationsApplyToAnEmptyDatabaseAndReopeningChangesNothing) {
  std::string id;
  {
    auto s = open();
    ASSERT_TRUE(s);
    EXPECT_EQ(*s->schema_version(), 4);
    id = accept(*s, message("K")).id;
  }
  auto again = open();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again->schema_version(), 4);
  EXPECT_EQ(again->get(id)->state, MessageState::kQueued);
}

TEST_P(StoreTest, ADatabaseFromANewerHubIsRefused) {
  open().reset();
  raw_exec("INSERT INTO schema_version (version) VALUES (99)");
  StoreOptions options;
  auto s = is_pg() ? open_pg_store(where(), options) : open_sqlite_store(where(), options);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().detail.find("schema version 99"), std::string::npos) << s.error().detail;
}

TEST_P(StoreTest, ConcurrentAcceptsShareCommits) {
  auto s = open();
  constexpr int kThreads = 8;
  constexpr int kEach = 50;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::future<Result<Accepted>>> futures;
      for (int i = 0; i < kEach; ++i) {
        auto p = std::make_shared<std::promise<Result<Accepted>>>();
        futures.push_back(p->get_future());
        s->accept(message("key-" + std::to_string(t)),
                  [p](Result<Accepted> r) { p->set_value(std::move(r)); });
      }
      for (auto& f : futures) ok += f.get().has_value() ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kThreads * kEach);
  auto* queued = dynamic_cast<QueuedStore*>(s.get());
  ASSERT_NE(queued, nullptr);
  EXPECT_LT(queued->commits(), static_cast<std::size_t>(kThreads * kEach) / 2);
  ListFilter all;
  all.limit = 1000;
  EXPECT_EQ(s->list(all)->size(), static_cast<std::size_t>(kThreads * kEach));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         backend_name);

}  // namespace
}  // namespace lienthong::store::testing
