#include "core/delivery/retry_policy.hpp"

#include <gtest/gtest.h>

namespace lienthong::delivery {
namespace {

using std::chrono::milliseconds;

RetryPolicy policy(int initial, int cap, int max_attempts = 8, int attempt_timeout = 0) {
  config::RetryConfig c;
  c.backoff_initial_ms = initial;
  c.backoff_max_ms = cap;
  c.max_attempts = max_attempts;
  c.attempt_timeout_ms = attempt_timeout;
  return {c, 10'000};
}

TEST(RetryPolicyTest, CeilingDoublesFromTheInitialWaitUpToTheCap) {
  auto p = policy(500, 5'000);
  EXPECT_EQ(p.ceiling(1), milliseconds(500));
  EXPECT_EQ(p.ceiling(2), milliseconds(1'000));
  EXPECT_EQ(p.ceiling(3), milliseconds(2'000));
  EXPECT_EQ(p.ceiling(4), milliseconds(4'000));
  EXPECT_EQ(p.ceiling(5), milliseconds(5'000));
  EXPECT_EQ(p.ceiling(1'000), milliseconds(5'000)) << "no overflow after many attempts";
}

TEST(RetryPolicyTest, FullJitterStaysWithinZeroAndTheCeilingAndSpreads) {
  auto p = policy(100, 1'000);
  std::mt19937_64 random(42);
  for (int attempt = 1; attempt <= 8; ++attempt) {
    milliseconds low = milliseconds::max();
    milliseconds high = milliseconds::zero();
    for (int i = 0; i < 2'000; ++i) {
      auto d = p.delay(attempt, std::nullopt, random);
      ASSERT_GE(d, milliseconds::zero());
      ASSERT_LE(d, p.ceiling(attempt));
      low = std::min(low, d);
      high = std::max(high, d);
    }
    // Full jitter: draws reach down near 0 and up near the ceiling, not just around it.
    EXPECT_LE(low, p.ceiling(attempt) / 10) << "attempt " << attempt;
    EXPECT_GE(high, p.ceiling(attempt) * 9 / 10) << "attempt " << attempt;
  }
}

TEST(RetryPolicyTest, RetryAfterIsHonouredEvenAboveTheCap) {
  auto p = policy(10, 100);
  std::mt19937_64 random(7);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(p.delay(3, 2, random), milliseconds(2'000));
  }
  EXPECT_LE(p.delay(3, 0, random), milliseconds(40)) << "Retry-After: 0 adds nothing";
}

TEST(RetryPolicyTest, ExhaustedAfterMaxAttempts) {
  auto p = policy(10, 100, 3);
  EXPECT_FALSE(p.exhausted(1));
  EXPECT_FALSE(p.exhausted(2));
  EXPECT_TRUE(p.exhausted(3));
  EXPECT_EQ(p.max_attempts(), 3);
}

TEST(RetryPolicyTest, AttemptTimeoutDefaultsToTheConnectorTimeout) {
  EXPECT_EQ(policy(10, 100).attempt_timeout(), milliseconds(10'000));
  EXPECT_EQ(policy(10, 100, 8, 2'500).attempt_timeout(), milliseconds(2'500));
}

}  // namespace
}  // namespace lienthong::delivery
