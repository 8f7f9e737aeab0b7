#include <gtest/gtest.h>

#include "core/mapping/filters/unicode.hpp"

namespace lienthong::mapping::detail {
namespace {

TEST(DiacriticsTest, RemovesEveryPrecomposedVietnameseMark) {
  EXPECT_EQ(to_ascii("àáảãạăằắẳẵặâầấẩẫậ"), "aaaaaaaaaaaaaaaaa");
  EXPECT_EQ(to_ascii("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"), "AAAAAAAAAAAAAAAAA");
  EXPECT_EQ(to_ascii("èéẻẽẹêềếểễệ ÈÉẺẼẸÊỀẾỂỄỆ"), "eeeeeeeeeee EEEEEEEEEEE");
  EXPECT_EQ(to_ascii("ìíỉĩị ÌÍỈĨỊ"), "iiiii IIIII");
  EXPECT_EQ(to_ascii("òóỏõọôồốổỗộơờớởỡợ"), "ooooooooooooooooo");
  EXPECT_EQ(to_ascii("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"), "OOOOOOOOOOOOOOOOO");
  EXPECT_EQ(to_ascii("ùúủũụưừứửữự ÙÚỦŨỤƯỪỨỬỮỰ"), "uuuuuuuuuuu UUUUUUUUUUU");
  EXPECT_EQ(to_ascii("ỳýỷỹỵ ỲÝỶỸỴ"), "yyyyy YYYYY");
  EXPECT_EQ(to_ascii("đĐ"), "dD");
}

TEST(DiacriticsTest, RemovesCombiningMarks) {
  // "Nguyễn Đức Thắng" written with combining marks (NFD), as some keyboards produce.
  EXPECT_EQ(to_ascii("Nguye\u0302\u0303n \u0110u\u031B\u0301c Tha\u0306\u0301ng"),
            "Nguyen Duc Thang");
  EXPECT_EQ(to_ascii("o\u031B\u0300 u\u0323"), "o u");
}

TEST(DiacriticsTest, NamesAndAddresses) {
  EXPECT_EQ(to_ascii("Nguyễn Thị Minh Khai, Phường Bến Nghé, Quận 1"),
            "Nguyen Thi Minh Khai, Phuong Ben Nghe, Quan 1");
  EXPECT_EQ(to_ascii("Đặng Hữu Phước"), "Dang Huu Phuoc");
}

TEST(DiacriticsTest, OutputIsAlwaysAscii) {
  const std::string out = to_ascii("Hà Nội 北京 😀 \xff ok");
  for (char c : out) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << out;
  EXPECT_EQ(out, "Ha Noi ?? ? ? ok");
}

TEST(DiacriticsTest, UpperAndLower) {
  EXPECT_EQ(to_upper("nguyễn đức thắng ơi ưu"), "NGUYỄN ĐỨC THẮNG ƠI ƯU");
  EXPECT_EQ(to_lower("NGUYỄN ĐỨC THẮNG ƠI ƯU"), "nguyễn đức thắng ơi ưu");
  EXPECT_EQ(to_upper("ỳýỷỹỵ àé"), "ỲÝỶỸỴ ÀÉ");
  EXPECT_EQ(to_lower("abc-123 北京"), "abc-123 北京");
}

TEST(DiacriticsTest, ValidUtf8) {
  EXPECT_TRUE(valid_utf8("Nguyễn \uFFFD"));
  EXPECT_FALSE(valid_utf8("\xc3"));
  EXPECT_FALSE(valid_utf8("a\xff"));
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));  // a UTF-16 surrogate
}

}  // namespace
}  // namespace lienthong::mapping::detail
