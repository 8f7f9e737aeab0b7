#include "sandbox/paygov/vn_time.hpp"

#include <gtest/gtest.h>

namespace lienthong::sandbox::paygov {
namespace {

using namespace std::chrono_literals;

TEST(PaygovVnTimeTest, ParsesVietnamWallClock) {
  // 2025-07-01 09:30:00 +07:00 = 02:30:00 UTC = 1751337000 s since the epoch.
  const auto at = parse_timestamp("20250701093000");
  ASSERT_TRUE(at);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(at->time_since_epoch()).count(),
            1'751'337'000);
  EXPECT_EQ(format_timestamp(*at), "20250701093000");
  EXPECT_EQ(format_day(*at), "20250701");
  EXPECT_EQ(format_iso(*at + 123ms), "2025-07-01T09:30:00.123+07:00");
  // 23:30 UTC is already the next day in Vietnam.
  EXPECT_EQ(format_day(*parse_timestamp("20250702063000")), "20250702");
}

TEST(PaygovVnTimeTest, RefusesWhatIsNotARealInstant) {
  for (const char* bad :
       {"20250230093000", "20250701240000", "20250701096000", "20250701093060", "2025070109300",
        "202507010930000", "2025-07-01T09", "20250701O93000", ""}) {
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
  }
  EXPECT_TRUE(parse_timestamp("20240229235959"));
  EXPECT_TRUE(parse_day("20240229"));
  EXPECT_FALSE(parse_day("20250229"));
  EXPECT_FALSE(parse_day("2025071"));
}

TEST(PaygovVnTimeTest, WindowBothWays) {
  const auto now = *parse_timestamp("20250701093000");
  EXPECT_TRUE(within(now + 15min, now, 15min));
  EXPECT_TRUE(within(now - 15min, now, 15min));
  EXPECT_FALSE(within(now + 15min + 1s, now, 15min));
  EXPECT_FALSE(within(now - 15min - 1s, now, 15min));
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
