#include "connectors/paygov/platform_time.hpp"

#include <gtest/gtest.h>

namespace lienthong::connectors::paygov {
namespace {

using namespace std::chrono;

TEST(PlatformTime, IsHoChiMinhCityTime) {
  const Clock::time_point utc = sys_days(year(2026) / 12 / 31) + hours(17) + minutes(30);
  EXPECT_EQ(platform_time(utc), "20270101003000") << "UTC+7: already the next year";
  EXPECT_EQ(platform_day(utc), "20270101");
  EXPECT_EQ(local_iso8601(utc), "2027-01-01T00:30:00+07:00");
}

TEST(PlatformTime, ParsesWhatItWrites) {
  const Clock::time_point t = sys_days(year(2026) / 2 / 28) + hours(23) + minutes(59) + seconds(1);
  EXPECT_EQ(parse_platform_time(platform_time(t)), t);
}

TEST(PlatformTime, RefusesWhatIsNotACalendarTime) {
  for (const char* bad :
       {"", "2026120614050", "202612061405090", "2026120614050x", "20261306140509",
        "20260230140509", "20261206240000", "20261206146000", "20261206140560", "-0261206140509"}) {
    EXPECT_EQ(parse_platform_time(bad), std::nullopt) << bad;
  }
  EXPECT_NE(parse_platform_time("20240229000000"), std::nullopt) << "a leap day";
}

}  // namespace
}  // namespace lienthong::connectors::paygov
