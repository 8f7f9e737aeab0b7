#include "core/security/ocsp/ocsp_cache.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace lienthong::security {
namespace {

OcspAnswer answer(std::optional<std::time_t> next_update, CertStatus status = CertStatus::kGood) {
  OcspAnswer a;
  a.status = status;
  a.serial = "1A";
  a.this_update = 1000;
  a.next_update = next_update;
  return a;
}

TEST(OcspCacheTest, KeepsAnAnswerUntilNextUpdate) {
  OcspCache cache;
  cache.store("k", answer(2000, CertStatus::kRevoked), 1000);
  auto hit = cache.find("k", 1999);
  ASSERT_TRUE(hit);
  EXPECT_TRUE(hit->from_cache);
  EXPECT_EQ(hit->status, CertStatus::kRevoked);
  EXPECT_FALSE(cache.find("k", 2000));  // nextUpdate reached
  EXPECT_FALSE(cache.find("other", 1500));
}

TEST(OcspCacheTest, DoesNotKeepAnswersWithoutOrPastNextUpdate) {
  OcspCache cache;
  cache.store("none", answer(std::nullopt), 1000);
  cache.store("past", answer(999), 1000);
  EXPECT_EQ(cache.size(), 0u);
  OcspCache disabled(0);
  disabled.store("k", answer(2000), 1000);
  EXPECT_FALSE(disabled.find("k", 1000));
}

TEST(OcspCacheTest, ANewerAnswerReplacesTheOld) {
  OcspCache cache;
  cache.store("k", answer(2000), 1000);
  cache.store("k", answer(3000, CertStatus::kRevoked), 1500);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find("k", 2500)->status, CertStatus::kRevoked);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

TEST(OcspCacheTest, BoundedExpiredFirstThenSoonestToExpire) {
  OcspCache cache(3);
  cache.store("a", answer(1100), 1000);
  cache.store("b", answer(5000), 1000);
  cache.store("c", answer(4000), 1000);
  cache.store("d", answer(6000), 1200);  // "a" has expired: it goes
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_TRUE(cache.find("b", 1200));
  cache.store("e", answer(7000), 1200);  // all live: "c" expires soonest
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.find("c", 1200));
  EXPECT_TRUE(cache.find("b", 1200));
  EXPECT_TRUE(cache.find("d", 1200));
  EXPECT_TRUE(cache.find("e", 1200));
}

TEST(OcspCacheTest, ThreadSafe) {
  OcspCache cache(64);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = std::to_string((t * 7 + i) % 100);
        cache.store(key, answer(1000 + 10 + i % 50), 1000);
        (void)cache.find(key, 1005);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(cache.size(), 64u);
}

}  // namespace
}  // namespace lienthong::security
