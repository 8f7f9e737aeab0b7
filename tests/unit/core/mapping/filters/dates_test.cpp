#include "core/mapping/filters/dates.hpp"

#include <gtest/gtest.h>

namespace lienthong::mapping::detail {
namespace {

std::string convert(std::string_view text, std::string_view from, std::string_view to) {
  auto parsed = parse_date(text, *parse_date_format(from));
  if (!parsed) return "error: " + parsed.error();
  return format_date(*parsed, *parse_date_format(to));
}

TEST(DatesTest, KnowsTheFormats) {
  for (const char* name : {"dd/MM/yyyy", "yyyyMMdd", "yyyyMMddHHmmss", "yyyy", "iso"}) {
    EXPECT_TRUE(parse_date_format(name)) << name;
  }
  EXPECT_FALSE(parse_date_format("dd-MM-yyyy"));
  EXPECT_FALSE(parse_date_format("ISO"));
}

TEST(DatesTest, DateOnlyFormats) {
  EXPECT_EQ(convert("17/05/1989", "dd/MM/yyyy", "iso"), "1989-05-17");
  EXPECT_EQ(convert("7/5/1989", "dd/MM/yyyy", "yyyyMMdd"), "19890507");
  EXPECT_EQ(convert("19890517", "yyyyMMdd", "dd/MM/yyyy"), "17/05/1989");
  EXPECT_EQ(convert("1989-05-17", "iso", "yyyyMMdd"), "19890517");
  EXPECT_EQ(convert("1989-05-17", "iso", "iso"), "1989-05-17");
  EXPECT_EQ(convert("1989-05-17", "iso", "yyyy"), "1989");
  EXPECT_EQ(convert(" 1989 ", "yyyy", "yyyy"), "1989");
}

TEST(DatesTest, DateBecomesMidnightInDateTimeFormats) {
  EXPECT_EQ(convert("17/05/1989", "dd/MM/yyyy", "yyyyMMddHHmmss"), "19890517000000");
}

TEST(DatesTest, DateTimeToIsoIsVietnamTime) {
  EXPECT_EQ(convert("20210617083005", "yyyyMMddHHmmss", "iso"), "2021-06-17T08:30:05+07:00");
  EXPECT_EQ(convert("2021-06-17T08:30:05+07:00", "iso", "yyyyMMddHHmmss"), "20210617083005");
  EXPECT_EQ(convert("2021-06-17T08:30:05", "iso", "yyyyMMddHHmmss"), "20210617083005");
}

TEST(DatesTest, OtherOffsetsMoveToVietnamAcrossMidnight) {
  EXPECT_EQ(convert("2021-06-16T20:00:00Z", "iso", "yyyyMMddHHmmss"), "20210617030000");
  EXPECT_EQ(convert("2021-06-16T20:00:00Z", "iso", "iso"), "2021-06-17T03:00:00+07:00");
  EXPECT_EQ(convert("2021-06-16T20:00:00Z", "iso", "yyyyMMdd"), "20210617");
  EXPECT_EQ(convert("2021-06-16T16:59:59Z", "iso", "dd/MM/yyyy"), "16/06/2021");
  EXPECT_EQ(convert("2021-06-17T01:00:00+09:00", "iso", "yyyyMMddHHmmss"), "20210616230000");
  EXPECT_EQ(convert("2020-12-31T23:30:00-05:00", "iso", "yyyyMMddHHmmss"), "20210101113000");
  EXPECT_EQ(convert("2020-02-28T20:00:00.250Z", "iso", "iso"), "2020-02-29T03:00:00+07:00");
  EXPECT_EQ(convert("2021-06-16T20:00:00+0000", "iso", "yyyyMMddHHmmss"), "20210617030000");
}

TEST(DatesTest, RejectsImpossibleDates) {
  EXPECT_EQ(convert("31/02/2020", "dd/MM/yyyy", "iso"), "error: '31/02/2020': no such date");
  EXPECT_EQ(convert("29/02/2021", "dd/MM/yyyy", "iso"), "error: '29/02/2021': no such date");
  EXPECT_EQ(convert("29/02/2020", "dd/MM/yyyy", "iso"), "2020-02-29");
  EXPECT_EQ(convert("20211301", "yyyyMMdd", "iso"), "error: '20211301': no such date");
  EXPECT_EQ(convert("20210101250000", "yyyyMMddHHmmss", "iso"),
            "error: '20210101250000': no such time of day");
  EXPECT_EQ(convert("0000", "yyyy", "yyyy"), "error: '0000': year out of range");
}

TEST(DatesTest, RejectsTextInTheWrongFormat) {
  EXPECT_EQ(convert("1989-05-17", "dd/MM/yyyy", "iso"),
            "error: '1989-05-17' is not a dd/MM/yyyy date");
  EXPECT_EQ(convert("1989051", "yyyyMMdd", "iso"), "error: '1989051' is not a yyyyMMdd date");
  EXPECT_EQ(convert("17/05/1989", "iso", "iso"), "error: '17/05/1989' is not a iso date");
  EXPECT_EQ(convert("2021-06-16T20:00:00X", "iso", "iso"),
            "error: '2021-06-16T20:00:00X' is not a iso date");
  EXPECT_EQ(convert("2021-06-16T20", "iso", "iso"), "error: '2021-06-16T20' is not a iso date");
}

TEST(DatesTest, YearOnlyCannotGainADay) {
  EXPECT_TRUE(date_conversion_problem(DateFormat::kYear, DateFormat::kIso));
  EXPECT_FALSE(date_conversion_problem(DateFormat::kYear, DateFormat::kYear));
  EXPECT_FALSE(date_conversion_problem(DateFormat::kIso, DateFormat::kYear));
}

}  // namespace
}  // namespace lienthong::mapping::detail
