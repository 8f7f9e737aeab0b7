#include "queue_seed.hpp"

#include <gtest/gtest.h>

#include "core/store/message_store.hpp"

namespace lienthong::testing {
namespace {

using store::MessageStore;

std::string accept(MessageStore& s, std::string connector, std::string operation, std::string key) {
  store::NewMessage m;
  m.client = "tester";
  m.connector = std::move(connector);
  m.operation = std::move(operation);
  m.ordering_key = std::move(key);
  m.body = kSeedBody;
  auto a = store::wait<store::Accepted>([&](auto done) { s.accept(std::move(m), done); });
  EXPECT_TRUE(a) << a.error().detail;
  return a ? a->id : "";
}

void end_first_claimed(MessageStore& s, std::vector<std::string> paused,
                       const store::AttemptOutcome& outcome) {
  store::ClaimRequest request;
  request.node_id = "test-node";
  request.max = 1;
  request.paused_connectors = std::move(paused);
  auto claimed =
      store::wait<std::vector<store::ClaimedMessage>>([&](auto done) { s.claim(request, done); });
  ASSERT_TRUE(claimed && claimed->size() == 1);
  auto lease = claimed->front().lease;
  auto r = store::wait<void>([&](auto done) { s.record_attempt(lease, outcome, done); });
  ASSERT_TRUE(r) << r.error().detail;
}

}  // namespace

SeededQueue seed_queue(const std::filesystem::path& db) {
  store::StoreOptions options;
  options.clock = [] { return store::Clock::now() - std::chrono::hours(48); };
  auto opened = store::open_sqlite_store(db, options);
  EXPECT_TRUE(opened) << opened.error().detail;
  if (!opened) return {};
  MessageStore& s = **opened;
  SeededQueue q;
  q.dead = accept(s, "dvcqg", "sync-dossier", "K1");
  q.behind = accept(s, "dvcqg", "update-progress", "K1");
  q.delivered = accept(s, "dkdn", "lookup-enterprise", "");
  // The oldest claimable first: the key's head; then, dvcqg paused, the dkdn message.
  end_first_claimed(s, {}, store::AttemptOutcome::dead(kSeedDeadReason));
  end_first_claimed(s, {"dvcqg"}, store::AttemptOutcome::delivered(kSeedResult));
  return q;
}

}  // namespace lienthong::testing
