#include "core/delivery/circuit_breaker.hpp"

#include <gtest/gtest.h>

#include "tests/unit/core/delivery/fake_clock.hpp"

namespace lienthong::delivery {
namespace {

using std::chrono::milliseconds;

class CircuitBreakerTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  CircuitBreaker breaker_{CircuitOptions{3, milliseconds(10'000)}, clock_.now()};

  void open_it() {
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(breaker_.allow().allowed);
      breaker_.record_failure();
    }
    ASSERT_EQ(breaker_.state(), CircuitState::kOpen);
  }
};

TEST_F(CircuitBreakerTest, StartsClosedAndLetsCallsThrough) {
  EXPECT_EQ(breaker_.state(), CircuitState::kClosed);
  auto d = breaker_.allow();
  EXPECT_TRUE(d.allowed);
  EXPECT_FALSE(d.probe);
}

TEST_F(CircuitBreakerTest, OpensAfterThresholdConsecutiveFailures) {
  breaker_.record_failure();
  breaker_.record_failure();
  EXPECT_EQ(breaker_.state(), CircuitState::kClosed);
  breaker_.record_failure();
  EXPECT_EQ(breaker_.state(), CircuitState::kOpen);
}

TEST_F(CircuitBreakerTest, ASuccessResetsTheFailureCount) {
  breaker_.record_failure();
  breaker_.record_failure();
  breaker_.record_success();
  breaker_.record_failure();
  breaker_.record_failure();
  EXPECT_EQ(breaker_.state(), CircuitState::kClosed);
}

TEST_F(CircuitBreakerTest, OpenRefusesWithTheTimeLeft) {
  open_it();
  clock_.advance(milliseconds(2'500));
  auto d = breaker_.allow();
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, milliseconds(7'500));
  EXPECT_EQ(d.retry_after_seconds(), 8);
}

TEST_F(CircuitBreakerTest, AfterOpenPeriodExactlyOneProbeGoes) {
  open_it();
  clock_.advance(milliseconds(10'000));
  auto probe = breaker_.allow();
  EXPECT_TRUE(probe.allowed);
  EXPECT_TRUE(probe.probe);
  EXPECT_EQ(breaker_.state(), CircuitState::kHalfOpen);
  auto other = breaker_.allow();
  EXPECT_FALSE(other.allowed);
  EXPECT_EQ(other.retry_after_seconds(), 1);
}

TEST_F(CircuitBreakerTest, ProbeSuccessCloses) {
  open_it();
  clock_.advance(milliseconds(10'000));
  ASSERT_TRUE(breaker_.allow().probe);
  breaker_.record_success();
  EXPECT_EQ(breaker_.state(), CircuitState::kClosed);
  EXPECT_TRUE(breaker_.allow().allowed);
  // The count starts again: two failures do not reopen it.
  breaker_.record_failure();
  breaker_.record_failure();
  EXPECT_EQ(breaker_.state(), CircuitState::kClosed);
}

TEST_F(CircuitBreakerTest, ProbeFailureReopensForAnotherPeriod) {
  open_it();
  clock_.advance(milliseconds(10'000));
  ASSERT_TRUE(breaker_.allow().probe);
  breaker_.record_failure();
  EXPECT_EQ(breaker_.state(), CircuitState::kOpen);
  clock_.advance(milliseconds(9'999));
  EXPECT_FALSE(breaker_.allow().allowed);
  clock_.advance(milliseconds(1));
  EXPECT_TRUE(breaker_.allow().probe);
}

TEST_F(CircuitBreakerTest, AReleasedProbeLetsTheNextCallProbe) {
  open_it();
  clock_.advance(milliseconds(10'000));
  ASSERT_TRUE(breaker_.allow().probe);
  breaker_.release_probe();
  EXPECT_EQ(breaker_.state(), CircuitState::kHalfOpen);
  EXPECT_TRUE(breaker_.allow().probe);
  EXPECT_FALSE(breaker_.allow().allowed);
}

TEST_F(CircuitBreakerTest, LateOutcomesOfEarlierCallsDoNotEndTheOpenPeriod) {
  open_it();
  breaker_.record_success();
  EXPECT_EQ(breaker_.state(), CircuitState::kOpen);
  clock_.advance(milliseconds(6'000));
  breaker_.record_failure();  // does not restart the period
  clock_.advance(milliseconds(4'000));
  EXPECT_TRUE(breaker_.allow().probe);
}

TEST(CircuitStateNames, AreStable) {
  EXPECT_EQ(to_string(CircuitState::kClosed), "closed");
  EXPECT_EQ(to_string(CircuitState::kOpen), "open");
  EXPECT_EQ(to_string(CircuitState::kHalfOpen), "half_open");
}

// The delivery loop asks without consuming: asking never turns the circuit half-open nor
// takes the probe, and says the same as allow() would.
TEST_F(CircuitBreakerTest, RefusingForTellsTheRestOfTheOpenPeriodWithoutTakingTheProbe) {
  EXPECT_FALSE(breaker_.refusing_for());
  open_it();
  EXPECT_EQ(breaker_.refusing_for(), milliseconds(10'000));
  clock_.advance(milliseconds(7'500));
  EXPECT_EQ(breaker_.refusing_for(), milliseconds(2'500));
  clock_.advance(milliseconds(2'500));
  EXPECT_FALSE(breaker_.refusing_for());  // the probe is due
  EXPECT_FALSE(breaker_.refusing_for());
  EXPECT_EQ(breaker_.state(), CircuitState::kOpen);
  ASSERT_TRUE(breaker_.allow().probe);  // still there for the one who asks
  EXPECT_EQ(breaker_.refusing_for(), CircuitBreaker::kProbeOutRetry);
  breaker_.release_probe();
  EXPECT_FALSE(breaker_.refusing_for());
  ASSERT_TRUE(breaker_.allow().probe);
  breaker_.record_success();
  EXPECT_FALSE(breaker_.refusing_for());
}

TEST_F(CircuitBreakerTest, RefusingForAfterAFailedProbeIsAWholeOpenPeriod) {
  open_it();
  clock_.advance(milliseconds(10'000));
  ASSERT_TRUE(breaker_.allow().probe);
  breaker_.record_failure();
  EXPECT_EQ(breaker_.refusing_for(), milliseconds(10'000));
}

}  // namespace
}  // namespace lienthong::delivery
