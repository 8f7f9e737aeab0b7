#include "core/base/time_text.hpp"

#include <gtest/gtest.h>

namespace lienthong {
namespace {

TEST(TimeText, FormatsAndParsesTheSameInstant) {
  const std::int64_t ms = 1'796'638'530'123;  // 2026-12-07T10:15:30.123Z
  EXPECT_EQ(rfc3339_millis(ms), "2026-12-07T10:15:30.123Z");
  EXPECT_EQ(parse_rfc3339_millis("2026-12-07T10:15:30.123Z"), ms);
  EXPECT_EQ(parse_rfc3339_millis("2026-12-07T17:15:30.123+07:00"), ms);
  EXPECT_EQ(parse_rfc3339_millis("2026-12-07T10:15:30.1234567Z"), ms);
  EXPECT_EQ(parse_rfc3339_millis("2026-12-07T10:15:30Z"), ms - 123);
  EXPECT_EQ(parse_rfc3339_millis("2026-12-07T05:15:30-05:00"), ms - 123);
  EXPECT_EQ(parse_rfc3339_millis("2026-12-07"), 1'796'601'600'000);
  EXPECT_EQ(parse_rfc3339_millis("2024-02-29T00:00:00Z"), 1'709'164'800'000);
}

TEST(TimeText, RefusesWhatIsNotRfc3339) {
  for (const char* bad :
       {"", "yesterday", "2026-12-07T10:15:30", "2026-13-01", "2026-02-30", "2025-02-29T00:00:00Z",
        "2026-12-07 10:15:30Z", "2026-12-07T24:00:00Z", "2026-12-07T10:15:30.Z",
        "2026-12-07T10:15:30+0700", "2026-12-07T10:15:30Zjunk", "1780000000000"}) {
    EXPECT_FALSE(parse_rfc3339_millis(bad)) << bad;
  }
}

}  // namespace
}  // namespace lienthong
