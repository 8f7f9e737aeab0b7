// until_next(): the wait until a daily action's time in Asia/Ho_Chi_Minh.
#include "core/pipeline/async/daily_actions.hpp"

#include <gtest/gtest.h>

namespace lienthong::pipeline {
namespace {

using namespace std::chrono;

// 2026-12-06 17:30:00 UTC = 2026-12-07 00:30 in Viet Nam.
const system_clock::time_point kNow = sys_days{2026y / 12 / 6} + 17h + 30min;

TEST(DailyActions, TheNextTimeIsTodaysInVietNamIfStillAheadElseTomorrows) {
  EXPECT_EQ(until_next("01:30", kNow), hours(1));
  EXPECT_EQ(until_next("00:30", kNow), hours(24));  // just now: tomorrow
  EXPECT_EQ(until_next("00:00", kNow), hours(23) + minutes(30));
  EXPECT_EQ(until_next("23:59", kNow), hours(23) + minutes(29));
}

}  // namespace
}  // namespace lienthong::pipeline
