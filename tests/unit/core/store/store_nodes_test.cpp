// Two hubs ("nodes") on one database, accepting and delivering at the same time: per ordering
// key, deliveries follow acceptance order and never overlap.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <thread>

#include "core/store/message_store.hpp"
#include "store_fixture.hpp"

namespace lienthong::store::testing {
namespace {

TEST_P(StoreTest, TwoNodesKeepPerKeyOrderWhileAcceptingAndDelivering) {
  constexpr int kKeys = 5;
  constexpr int kPerThread = 60;
  auto n1 = open();
  auto n2 = open();
  ASSERT_TRUE(n1 && n2);
  MessageStore* nodes[] = {n1.get(), n2.get()};

  std::mutex mutex;
  std::map<std::string, std::vector<std::string>> delivered;  // key -> ids in claim order
  std::map<std::string, std::string> in_flight;               // key -> id
  std::atomic<int> accepted{0};
  std::atomic<int> done{0};
  std::atomic<bool> overlap{false};
  const int total = 2 * kPerThread;

  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {  // accepting: one thread per node
      for (int i = 0; i < kPerThread; ++i) {
        accept(*nodes[t], message("K" + std::to_string(i % kKeys)));
        ++accepted;
      }
    });
    threads.emplace_back([&, t] {  // delivering: one loop per node
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      const std::string node = "node-" + std::to_string(t);
      while (done.load() < total && std::chrono::steady_clock::now() < deadline) {
        auto claimed = claim(*nodes[t], node, 4);
        {
          std::lock_guard lock(mutex);
          for (const auto& c : claimed) {
            auto& holder = in_flight[c.message.ordering_key];
            if (!holder.empty()) overlap = true;
            holder = c.message.id;
            delivered[c.message.ordering_key].push_back(c.message.id);
          }
        }
        for (const auto& c : claimed) {
          {
            std::lock_guard lock(mutex);
            in_flight[c.message.ordering_key].clear();
          }
          EXPECT_TRUE(record(*nodes[t], c.lease, AttemptOutcome::delivered("{}")));
          ++done;
        }
        if (claimed.empty()) std::this_thread::yield();
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(accepted.load(), total);
  ASSERT_EQ(done.load(), total);
  EXPECT_FALSE(overlap.load());

  ListFilter all;
  all.limit = 1000;
  auto listed = n1->list(all);  // newest first, by acceptance order
  ASSERT_TRUE(listed);
  std::map<std::string, std::vector<std::string>> expected;
  for (auto it = listed->rbegin(); it != listed->rend(); ++it) {
    expected[it->ordering_key].push_back(it->id);
    EXPECT_EQ(it->state, MessageState::kDelivered);
  }
  EXPECT_EQ(delivered, expected);
}

TEST_P(StoreTest, TwoNodesAcceptingTheSameIdempotencyKeyAtOnceStoreOneMessage) {
  auto n1 = open();
  auto n2 = open();
  ASSERT_TRUE(n1 && n2);
  constexpr int kKeys = 40;
  std::vector<std::string> first(kKeys);
  std::vector<std::string> second(kKeys);
  auto run = [&](MessageStore& node, std::vector<std::string>& out) {
    for (int i = 0; i < kKeys; ++i)
      out[i] = accept(node, message("", "idem-" + std::to_string(i))).id;
  };
  std::thread a([&] { run(*n1, first); });
  std::thread b([&] { run(*n2, second); });
  a.join();
  b.join();
  EXPECT_EQ(first, second);
  ListFilter all;
  all.limit = 1000;
  EXPECT_EQ(n1->list(all)->size(), static_cast<std::size_t>(kKeys));
}

}  // namespace
}  // namespace lienthong::store::testing
