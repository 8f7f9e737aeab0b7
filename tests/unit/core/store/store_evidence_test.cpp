// The evidence journal in the store (README.md "Evidence journal"): entries written in the
// transaction of the state they record, one unbroken chain per node, also with two nodes (and
// two writers of one node's chain) at once, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <thread>

#include "core/evidence/chain_check.hpp"
#include "store_fixture.hpp"

namespace lienthong::store::testing {
namespace {

// Walks every chain with the verifier's rule; the first break, or "".
std::string chain_breaks(MessageStore& s, std::int64_t* total = nullptr) {
  auto heads = s.evidence().heads();
  if (!heads) return heads.error().detail;
  std::int64_t n = 0;
  for (const auto& h : *heads) {
    evidence::ChainCursor cursor{h.node};
    std::int64_t after = 0;
    for (;;) {
      auto rows = s.evidence().entries(h.node, after, 500);
      if (!rows) return rows.error().detail;
      if (rows->empty()) break;
      for (const auto& r : *rows) {
        if (auto bad = evidence::check_link(cursor, {r.node, r.seq, r.entry, r.hash})) {
          return h.node + "/" + std::to_string(r.seq) + ": " + *bad;
        }
        after = r.seq;
        ++n;
      }
    }
    if (after != h.seq || (h.seq > 0 && cursor.prev != h.hash)) {
      return h.node + ": head " + std::to_string(h.seq) + " but chain ends at " +
             std::to_string(after);
    }
  }
  if (total != nullptr) *total = n;
  return {};
}

TEST_P(StoreTest, JournalOffWritesNoEntries) {
  auto s = open();
  accept(*s, message());
  auto heads = s->evidence().heads();
  ASSERT_TRUE(heads);
  EXPECT_TRUE(heads->empty());
}

TEST_P(StoreTest, EveryWriteAppendsItsEntryInItsTransaction) {
  auto s = open("node-a");
  auto first = accept(*s, message("K", "idem-1"));
  auto again = accept(*s, message("K", "idem-1"));  // the same call again: answered, journalled
  EXPECT_TRUE(again.duplicate);
  auto claimed = claim(*s, "node-a");
  ASSERT_EQ(claimed.size(), 1U);
  auto outcome = AttemptOutcome::dead("refused");
  outcome.started_at = now() - std::chrono::milliseconds(40);
  outcome.far_status = 400;
  outcome.error_class = "refused";
  evidence::Facts wire;
  wire.sent_sha256 = std::string(64, 'a');
  wire.received_sha256 = std::string(64, 'b');
  wire.bodies.push_back({"sent", "k1", "123456789012", "sealed-bytes"});
  wire.bodies_expire_at_ms = to_millis(now() + std::chrono::hours(1));
  outcome.evidence = wire;
  ASSERT_TRUE(record(*s, claimed[0].lease, outcome));
  ASSERT_TRUE(wait<void>([&](auto done) { s->replay(first.id, "cli:op", done); }));

  auto entries = s->evidence().of_message(first.id);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 4U);
  const auto& e = *entries;
  EXPECT_NE(e[0].entry.find(R"("kind":"accepted")"), std::string::npos) << e[0].entry;
  EXPECT_NE(e[0].entry.find(R"("outcome":"queued")"), std::string::npos) << e[0].entry;
  EXPECT_NE(e[1].entry.find(R"("outcome":"duplicate")"), std::string::npos) << e[1].entry;
  EXPECT_NE(e[2].entry.find(R"("kind":"attempt")"), std::string::npos) << e[2].entry;
  EXPECT_NE(e[2].entry.find(R"("detail":"attempt 1: refused")"), std::string::npos) << e[2].entry;
  EXPECT_NE(e[2].entry.find(R"("received_sha256":"bbbb)"), std::string::npos) << e[2].entry;
  EXPECT_NE(e[3].entry.find(R"("actor":"cli:op")"), std::string::npos) << e[3].entry;
  EXPECT_NE(e[3].entry.find(R"("detail":"replay")"), std::string::npos) << e[3].entry;
  for (const auto& row : e) {
    EXPECT_EQ(row.entry.find("MaHoSo"), std::string::npos) << "no body in an entry";
  }
  auto bodies = s->evidence().bodies("node-a", 0, 100);
  ASSERT_TRUE(bodies);
  ASSERT_EQ(bodies->size(), 1U);
  EXPECT_EQ((*bodies)[0].first, e[2].seq);
  EXPECT_EQ((*bodies)[0].second.ciphertext, "sealed-bytes");
  EXPECT_EQ((*bodies)[0].second.nonce, "123456789012");

  auto attempts = s->attempts(first.id);
  ASSERT_TRUE(attempts);
  ASSERT_EQ(attempts->size(), 1U);
  EXPECT_EQ((*attempts)[0].far_status, 400);
  EXPECT_EQ((*attempts)[0].error_class, "refused");
  ASSERT_TRUE((*attempts)[0].started_at);
  EXPECT_EQ(*(*attempts)[0].started_at, now() - std::chrono::milliseconds(40));
  EXPECT_EQ(chain_breaks(*s), "");
}

TEST_P(StoreTest, ARefusedWriteLeavesNoEntry) {
  auto s = open("node-a");
  accept(*s, message("K", "idem-1", R"({"a":1})"));
  auto conflict =
      wait<Accepted>([&](auto done) { s->accept(message("K", "idem-1", R"({"a":2})"), done); });
  EXPECT_FALSE(conflict);
  auto stale = record(*s, Lease{"nope", "node-a", 1, now()}, AttemptOutcome::delivered("{}"));
  EXPECT_FALSE(stale);
  auto heads = s->evidence().heads();
  ASSERT_TRUE(heads && heads->size() == 1U);
  EXPECT_EQ((*heads)[0].seq, 1) << "only the first accept";
  EXPECT_EQ(chain_breaks(*s), "");
}

TEST_P(StoreTest, AppendsOfOneBatchChainAndSurviveReopening) {
  {
    auto s = open("node-a");
    std::vector<std::future<Result<void>>> pending;
    std::vector<std::shared_ptr<std::promise<Result<void>>>> promises;
    for (int i = 0; i < 50; ++i) {
      auto p = std::make_shared<std::promise<Result<void>>>();
      pending.push_back(p->get_future());
      evidence::Facts f;
      f.kind = "exchange";
      f.outcome = "200";
      s->append_evidence(f, [p](Result<void> r) { p->set_value(std::move(r)); });
      promises.push_back(p);
    }
    for (auto& f : pending) EXPECT_TRUE(f.get());
  }
  auto s = open("node-a");  // the head is read from the database, not kept in memory
  accept(*s, message());
  std::int64_t total = 0;
  EXPECT_EQ(chain_breaks(*s, &total), "");
  EXPECT_EQ(total, 51);
}

TEST_P(StoreTest, StampsAndExpiredBodies) {
  auto s = open("node-a");
  evidence::Facts f;
  f.kind = "exchange";
  f.bodies.push_back({"sent", "k1", "n", "c"});
  f.bodies_expire_at_ms = to_millis(now() + std::chrono::hours(1));
  ASSERT_TRUE(wait<void>([&](auto done) { s->append_evidence(f, done); }));
  auto heads = s->evidence().heads();
  ASSERT_TRUE(heads && heads->size() == 1U);
  EXPECT_EQ((*heads)[0].stamped_seq, 0);
  ASSERT_TRUE((*heads)[0].oldest_unstamped_ms);
  EvidenceStamp stamp{"node-a", 1, (*heads)[0].hash, std::string("\x30\x00token", 7), 42};
  ASSERT_TRUE(wait<void>([&](auto done) { s->record_stamp(stamp, done); }));
  heads = s->evidence().heads();
  EXPECT_EQ((*heads)[0].stamped_seq, 1);
  EXPECT_FALSE((*heads)[0].oldest_unstamped_ms);
  auto stamps = s->evidence().stamps("node-a", 1, 10);
  ASSERT_TRUE(stamps && stamps->size() == 1U);
  EXPECT_EQ((*stamps)[0].token, stamp.token) << "binary tokens round-trip";
  advance(std::chrono::hours(2));
  ASSERT_TRUE(wait<int>([&](auto done) { s->remove_expired(std::chrono::hours(24 * 30), done); }));
  auto bodies = s->evidence().bodies("node-a", 0, 100);
  ASSERT_TRUE(bodies);
  EXPECT_TRUE(bodies->empty()) << "the body went at its expiry";
  auto entry = s->evidence().entries("node-a", 0, 10);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->size(), 2U) << "its entry stays; the sweep has its own";
  EXPECT_EQ(chain_breaks(*s), "");
}

// Two hubs write at once, each its own chain; and two writers given the same node name (a
// misconfiguration) take turns on that chain instead of forking it.
TEST_P(StoreTest, TwoNodesAtOnceKeepUnbrokenChains) {
  auto a = open("node-a");
  auto b = open("node-b");
  auto a2 = open("node-a");
  constexpr int kEach = 200;
  auto work = [&](MessageStore* s) {
    for (int i = 0; i < kEach; ++i) {
      if (i % 2 == 0) {
        accept(*s, message("K" + std::to_string(i % 7)));
      } else {
        evidence::Facts f;
        f.kind = "exchange";
        ASSERT_TRUE(wait<void>([&](auto done) { s->append_evidence(f, done); }));
      }
    }
  };
  std::thread t1(work, a.get());
  std::thread t2(work, b.get());
  std::thread t3(work, a2.get());
  t1.join();
  t2.join();
  t3.join();
  std::int64_t total = 0;
  EXPECT_EQ(chain_breaks(*a, &total), "");
  EXPECT_EQ(total, 3 * kEach) << "no entry lost";
  auto heads = a->evidence().heads();
  ASSERT_TRUE(heads && heads->size() == 2U);
  EXPECT_EQ((*heads)[0].seq, 2 * kEach);
  EXPECT_EQ((*heads)[1].seq, kEach);
}

}  // namespace
}  // namespace lienthong::store::testing
