#include "core/schema/calendar.hpp"

#include <gtest/gtest.h>

namespace lienthong::schema {
namespace {

TEST(CalendarTest, RealDatesCountLeapYears) {
  EXPECT_TRUE(is_real_date(2024, 2, 29));
  EXPECT_TRUE(is_real_date(2000, 2, 29));   // divisible by 400
  EXPECT_FALSE(is_real_date(1900, 2, 29));  // divisible by 100 only
  EXPECT_FALSE(is_real_date(2021, 2, 29));
  EXPECT_FALSE(is_real_date(2021, 2, 30));
  EXPECT_TRUE(is_real_date(2021, 12, 31));
  EXPECT_FALSE(is_real_date(2021, 4, 31));
  EXPECT_FALSE(is_real_date(2021, 13, 1));
  EXPECT_FALSE(is_real_date(2021, 0, 1));
  EXPECT_FALSE(is_real_date(2021, 1, 0));
  EXPECT_FALSE(is_real_date(0, 1, 1));
}

TEST(CalendarTest, FixedDigits) {
  EXPECT_EQ(parse_fixed_digits("0042", 4), 42);
  EXPECT_EQ(parse_fixed_digits("042", 4), std::nullopt);
  EXPECT_EQ(parse_fixed_digits("04a2", 4), std::nullopt);
  EXPECT_EQ(parse_fixed_digits("+042", 4), std::nullopt);
  EXPECT_EQ(parse_fixed_digits("", 0), std::nullopt);
}

TEST(CalendarTest, IsoDates) {
  EXPECT_EQ(parse_iso_date("1990-05-17"), (CivilDate{1990, 5, 17}));
  EXPECT_EQ(parse_iso_date("2024-02-29"), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(parse_iso_date("2023-02-29"), std::nullopt);
  EXPECT_EQ(parse_iso_date("1990-5-17"), std::nullopt);
  EXPECT_EQ(parse_iso_date("1990/05/17"), std::nullopt);
  EXPECT_EQ(parse_iso_date("17-05-1990"), std::nullopt);
  EXPECT_EQ(parse_iso_date("1990-05-17T00:00:00Z"), std::nullopt);
}

TEST(CalendarTest, CurrentYearIsPlausible) {
  const int year = current_year_utc7();
  EXPECT_GE(year, 2025);
  EXPECT_LT(year, 2200);
}

}  // namespace
}  // namespace lienthong::schema
