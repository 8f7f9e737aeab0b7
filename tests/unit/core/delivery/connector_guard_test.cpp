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

// SOAP 1.1 sends every fault as HTTP 500: a business fault is an answer, not an outage.
TEST(ConnectorGuardTest, ASoapBusinessFaultAsHttp500KeepsTheCircuitClosed) {
  FakeClock clock;
  ConnectorGuard guard("dancu", {true, 2, 5'000}, std::nullopt, clock.now());
  for (int i = 0; i < 3; ++i) {
    ASSERT_FALSE(guard.admit());
    Problem fault = upstream(ProblemKind::kUpstreamError, 500);
    fault.upstream->code = "soap:Client";
    guard.failed(fault);
  }
  EXPECT_EQ(guard.breaker()->state(), CircuitState::kClosed);
  ASSERT_FALSE(guard.admit());
  guard.failed(upstream(ProblemKind::kUpstreamError, 500));
  ASSERT_FALSE(guard.admit());
  guard.failed(upstream(ProblemKind::kUpstreamError, 500));
  EXPECT_EQ(guard.breaker()->state(), CircuitState::kOpen);
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

TEST(ConnectorGuardTest, RefusingForCoversTheCircuitAndTheBucketWithoutConsuming) {
  FakeClock clock;
  ConnectorGuard guard("dkdn", {true, 1, 5'000}, config::RateLimitConfig{2, 1}, clock.now());
  EXPECT_FALSE(guard.refusing_for());
  EXPECT_FALSE(guard.refusing_for());  // asking takes no token
  ASSERT_FALSE(guard.admit());
  EXPECT_EQ(guard.refusing_for(), milliseconds(500));  // the next token, at 2 per second
  guard.failed(upstream(ProblemKind::kUpstreamTimeout, -1));
  EXPECT_EQ(guard.refusing_for(), milliseconds(5'000));  // the longer of the two
  clock.advance(milliseconds(5'000));
  EXPECT_FALSE(guard.refusing_for());
  auto probe = guard.admit();
  EXPECT_FALSE(probe);
  EXPECT_EQ(guard.refusing_for(), CircuitBreaker::kProbeOutRetry);
  guard.succeeded();
  EXPECT_EQ(guard.refusing_for(), milliseconds(500));
}

TEST(ConnectorGuardTest, OnlyItsOwnRefusalsCountAsRefusedByTheGuard) {
  FakeClock clock;
  ConnectorGuard guard("dkdn", {true, 1, 5'000}, config::RateLimitConfig{1, 1}, clock.now());
  ASSERT_FALSE(guard.admit());
  auto empty = guard.admit();
  ASSERT_TRUE(empty);
  EXPECT_TRUE(refused_by_guard(*empty));
  guard.failed(upstream(ProblemKind::kUpstreamTimeout, -1));
  clock.advance(milliseconds(1'000));
  auto open = guard.admit();
  ASSERT_TRUE(open);
  EXPECT_TRUE(refused_by_guard(*open));
  EXPECT_FALSE(refused_by_guard(upstream(ProblemKind::kUpstreamError, 503)));
  EXPECT_FALSE(refused_by_guard(upstream(ProblemKind::kUpstreamError, 429)));
  EXPECT_FALSE(refused_by_guard(upstream(ProblemKind::kRateLimited, 429)));
  EXPECT_FALSE(refused_by_guard(Problem::make(ProblemKind::kUpstreamTimeout, "t")));
}

}  // namespace
}  // namespace lienthong::delivery
