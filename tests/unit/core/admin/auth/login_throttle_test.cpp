#include "core/admin/auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace lienthong::admin::auth {
namespace {

using namespace std::chrono_literals;
using delivery::SteadyClock;

struct FakeClock {
  SteadyClock::time_point t = SteadyClock::time_point{} + 1000h;
  delivery::SteadyNow now() {
    return [this] { return t; };
  }
};

TEST(LoginThrottle, FiveFailuresFromOneAddressThenOneTryAMinute) {
  FakeClock clock;
  LoginThrottle throttle({}, clock.now());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(throttle.wait("10.0.0.9", "lan"), 0ms) << i;
    throttle.failed("10.0.0.9", "lan");
  }
  EXPECT_EQ(throttle.wait("10.0.0.9", "lan"), 60'000ms);
  EXPECT_EQ(throttle.wait("10.0.0.9", "minh"), 60'000ms);  // the address waits, whoever it names
  EXPECT_EQ(throttle.wait("10.0.0.7", "minh"), 0ms);       // others do not
  clock.t += 30s;
  EXPECT_EQ(throttle.wait("10.0.0.9", "lan"), 30'000ms);
  clock.t += 30s;
  EXPECT_EQ(throttle.wait("10.0.0.9", "lan"), 0ms);
  throttle.failed("10.0.0.9", "lan");
  EXPECT_EQ(throttle.wait("10.0.0.9", "lan"), 60'000ms);
}

TEST(LoginThrottle, GuessingOneNameFromManyAddressesIsSlowedToo) {
  FakeClock clock;
  LoginThrottle throttle({}, clock.now());
  for (int i = 0; i < 10; ++i) {
    const std::string address = "10.0.1." + std::to_string(i);
    EXPECT_EQ(throttle.wait(address, "lan"), 0ms) << i;
    throttle.failed(address, "lan");
  }
  EXPECT_EQ(throttle.wait("10.0.2.1", "lan"), 60'000ms);
  EXPECT_EQ(throttle.wait("10.0.2.1", "minh"), 0ms);
}

TEST(LoginThrottle, MemoryStaysBoundedAndForgetsOldFailures) {
  FakeClock clock;
  LoginThrottle throttle(
      {.failures_per_address = 5, .failures_per_name = 10, .refill = 60s, .max_keys = 100},
      clock.now());
  for (int i = 0; i < 1000; ++i)
    throttle.failed("10.1." + std::to_string(i), "x" + std::to_string(i));
  // Full of fresh keys: newcomers are not tracked (and not blocked) rather than growing memory.
  EXPECT_EQ(throttle.wait("10.1.999", "x999"), 0ms);
  clock.t += 11min;  // every bucket refilled: room again
  for (int i = 0; i < 5; ++i) throttle.failed("10.9.9.9", "lan");
  EXPECT_EQ(throttle.wait("10.9.9.9", "someone"), 60'000ms);
}

}  // namespace
}  // namespace lienthong::admin::auth
