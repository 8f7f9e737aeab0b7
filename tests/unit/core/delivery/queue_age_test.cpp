#include "core/delivery/queue_age.hpp"

#include <gtest/gtest.h>

namespace lienthong::delivery {
namespace {

using namespace std::chrono_literals;

TEST(ParseAge, DaysHoursMinutesSeconds) {
  EXPECT_EQ(parse_age("7d"), std::chrono::milliseconds(7 * 24h));
  EXPECT_EQ(parse_age("12h"), std::chrono::milliseconds(12h));
  EXPECT_EQ(parse_age("30m"), std::chrono::milliseconds(30min));
  EXPECT_EQ(parse_age("45s"), std::chrono::milliseconds(45s));
}

TEST(ParseAge, AnythingElseIsRefused) {
  for (const char* bad : {"", "d", "7", "0d", "-1d", "7w", "1.5h", "7 d", "d7", "99999999999d"}) {
    EXPECT_FALSE(parse_age(bad)) << bad;
  }
}

}  // namespace
}  // namespace lienthong::delivery
