#include "core/delivery/connector_pauses.hpp"

#include <gtest/gtest.h>

#include "tests/unit/core/delivery/fake_clock.hpp"

namespace lienthong::delivery {
namespace {

using std::chrono::milliseconds;
using Guards = std::map<std::string, std::shared_ptr<ConnectorGuard>, std::less<>>;

void outage(ConnectorGuard& guard) {
  ASSERT_FALSE(guard.admit());
  guard.failed(Problem::make(ProblemKind::kUpstreamTimeout, "no answer"));
}

TEST(ConnectorPausesTest, NothingIsPausedWhileEveryGuardLetsCallsThrough) {
  FakeClock clock;
  Guards guards{
      {"dancu", std::make_shared<ConnectorGuard>("dancu", config::CircuitConfig{true, 1, 5'000},
                                                 std::nullopt, clock.now())},
      {"dvcqg", nullptr}};
  auto pauses = pauses_of(guards);
  EXPECT_TRUE(pauses.connectors.empty());
  EXPECT_FALSE(pauses.resume_in);
}

TEST(ConnectorPausesTest, OpenCircuitsAndEmptyBucketsArePausedUntilTheFirstMayGo) {
  FakeClock clock;
  auto dancu = std::make_shared<ConnectorGuard>("dancu", config::CircuitConfig{true, 1, 5'000},
                                                std::nullopt, clock.now());
  auto dkdn = std::make_shared<ConnectorGuard>("dkdn", config::CircuitConfig{true, 1, 5'000},
                                               config::RateLimitConfig{2, 1}, clock.now());
  auto dvcqg = std::make_shared<ConnectorGuard>("dvcqg", config::CircuitConfig{true, 1, 5'000},
                                                std::nullopt, clock.now());
  Guards guards{{"dancu", dancu}, {"dkdn", dkdn}, {"dvcqg", dvcqg}};
  outage(*dancu);
  ASSERT_FALSE(dkdn->admit());  // the only token
  dkdn->succeeded();

  auto pauses = pauses_of(guards);
  EXPECT_EQ(pauses.connectors, (std::vector<std::string>{"dancu", "dkdn"}));
  EXPECT_EQ(pauses.resume_in, milliseconds(500));  // dkdn's next token comes first

  clock.advance(milliseconds(500));
  pauses = pauses_of(guards);
  EXPECT_EQ(pauses.connectors, (std::vector<std::string>{"dancu"}));
  EXPECT_EQ(pauses.resume_in, milliseconds(4'500));

  clock.advance(milliseconds(4'500));
  pauses = pauses_of(guards);
  EXPECT_TRUE(pauses.connectors.empty()) << "the probe is due: one message may take it";
  EXPECT_EQ(dancu->breaker()->state(), CircuitState::kOpen) << "asking took no probe";
}

TEST(ConnectorPausesTest, WhyARefusedMessageWaits) {
  EXPECT_EQ(waiting_for(Problem::make(ProblemKind::kUnavailable, "open")), "circuit_open");
  EXPECT_EQ(waiting_for(Problem::make(ProblemKind::kRateLimited, "quota")), "rate_limit");
}

}  // namespace
}  // namespace lienthong::delivery
