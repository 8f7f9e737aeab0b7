#include "core/delivery/connector_guard.hpp"

#include <gtest/gtest.h>

#include "tests/unit/core/delivery/fake_clock.hpp"

namespace lienthong::delivery {
namespace {

using std::chrono::milliseconds;

Problem upstream(ProblemKind kind, int status) {
  Problem p = Problem::make(kind, "x");
  if (status >= 0) p.upstream = Upstream{status, "", ""};
  return p;
}

TEST(CountsAsOutage, TimeoutsConnectionErrorsAnd5xxCount) {
  EXPECT_TRUE(counts_as_outage(Problem::make(ProblemKind::kUpstreamTimeout, "t")));
  EXPECT_TRUE(counts_as_outage(upstream(ProblemKind::kUpstreamError, -1)));  // no answer
  EXPECT_TRUE(counts_as_outage(upstream(ProblemKind::kUpstreamError, 0)));
  EXPECT_TRUE(counts_as_outage(upstream(ProblemKind::kUpstreamError, 503)));
}

TEST(CountsAsOutage, RefusalsDoNotCount) {
  EXPECT_FALSE(counts_as_outage(upstream(ProblemKind::kUpstreamError, 400)));
  EXPECT_FALSE(counts_as_outage(upstream(ProblemKind::kUpstreamNotFound, 404)));
  EXPECT_FALSE(counts_as_outage(upstream(ProblemKind::kInvalid, 200)));
}

TEST(ConnectorGuardTest, AnOpenCircuitIs503WithRetryAfter) {
  FakeClock clock;
  ConnectorGuard guard("dkdn", {true, 2, 5'000}, std::nullopt, clock.now());
  for (int i = 0; i < 2; ++i) {
    ASSERT_FALSE(guard.admit());
    guard.failed(upstream(ProblemKind::kUpstreamError, 500));
  }
  auto refused = guard.admit();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->kind, ProblemKind::kUnavailable);
  EXPECT_EQ(refused->retry_after_seconds, 5);
  clock.advance(milliseconds(5'000));
  EXPECT_FALSE(guard.admit());  // the probe
  guard.succeeded();
  EXPECT_EQ(guard.breaker()->state(), CircuitState::kClosed);
}

TEST(ConnectorGuardTest, RefusalsKeepTheCircuitClosed) {
  FakeClock clock;
  ConnectorGuard guard("dkdn", {true, 1, 5'000}, std::nullopt, clock.now());
  ASSERT_FALSE(guard.admit());
  guard.failed(upstream(ProblemKind::kUpstreamError, 422));
  EXPECT_FALSE(guard.admit());
}

TEST(ConnectorGuardTest, AnEmptyBucketIs429WithRetryAfter) {
  FakeClock clock;
  ConnectorGuard guard("dkdn", {}, config::RateLimitConfig{1, 2}, clock.now());
  EXPECT_FALSE(guard.admit());
  EXPECT_FALSE(guard.admit());
  auto refused = guard.admit();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->kind, ProblemKind::kRateLimited);
  EXPECT_EQ(refused->retry_after_seconds, 1);
}

TEST(ConnectorGuardTest, ARateLimitedProbeLeavesTheProbeToTheNextCall) {
  FakeClock clock;
  ConnectorGuard guard("dkdn", {true, 1, 1'000}, config::RateLimitConfig{1, 1}, clock.now());
  ASSERT_FALSE(guard.admit());
  guard.failed(upstream(ProblemKind::kUpstreamTimeout, -1));
  clock.advance(milliseconds(1'000));  // the bucket is full again too
  ASSERT_FALSE(guard.admit());         // the probe takes the token
  guard.abandoned();
  auto limited = guard.admit();  // may probe, but no token: 429, probe handed back
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->kind, ProblemKind::kRateLimited);
  clock.advance(milliseconds(1'000));
  EXPECT_FALSE(guard.admit());
  EXPECT_EQ(guard.breaker()->state(), CircuitState::kHalfOpen);
}

TEST(ConnectorGuardTest, ADisabledCircuitNeverOpens) {
  ConnectorGuard guard("dkdn", {false, 1, 1'000}, std::nullopt);
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(guard.admit());
    guard.failed(upstream(ProblemKind::kUpstreamTimeout, -1));
  }
  EXPECT_EQ(guard.breaker(), nullptr);
}

}  // namespace
}  // namespace lienthong::delivery
