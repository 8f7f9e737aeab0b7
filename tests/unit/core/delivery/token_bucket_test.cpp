#include "core/delivery/token_bucket.hpp"

#include <gtest/gtest.h>

#include "tests/unit/core/delivery/fake_clock.hpp"

namespace lienthong::delivery {
namespace {

using std::chrono::milliseconds;

TEST(TokenBucketTest, StartsFullAndAllowsABurst) {
  FakeClock clock;
  TokenBucket bucket({2, 3}, clock.now());
  EXPECT_TRUE(bucket.try_take());
  EXPECT_TRUE(bucket.try_take());
  EXPECT_TRUE(bucket.try_take());
  EXPECT_FALSE(bucket.try_take());
}

TEST(TokenBucketTest, RefillsAtTheRateAndSaysWhen) {
  FakeClock clock;
  TokenBucket bucket({2, 1}, clock.now());
  ASSERT_TRUE(bucket.try_take());
  EXPECT_EQ(bucket.time_until_available(), milliseconds(500));
  clock.advance(milliseconds(200));
  EXPECT_EQ(bucket.time_until_available(), milliseconds(300));
  EXPECT_FALSE(bucket.try_take());
  clock.advance(milliseconds(300));
  EXPECT_EQ(bucket.time_until_available(), milliseconds(0));
  EXPECT_TRUE(bucket.try_take());
}

TEST(TokenBucketTest, NeverHoldsMoreThanTheBurst) {
  FakeClock clock;
  TokenBucket bucket({10, 2}, clock.now());
  clock.advance(milliseconds(60'000));
  EXPECT_TRUE(bucket.try_take());
  EXPECT_TRUE(bucket.try_take());
  EXPECT_FALSE(bucket.try_take());
}

TEST(TokenBucketTest, AFailedTakeCostsNothing) {
  FakeClock clock;
  TokenBucket bucket({1, 1}, clock.now());
  ASSERT_TRUE(bucket.try_take());
  EXPECT_FALSE(bucket.try_take());
  EXPECT_FALSE(bucket.try_take());
  clock.advance(milliseconds(1'000));
  EXPECT_TRUE(bucket.try_take());
}

}  // namespace
}  // namespace lienthong::delivery
