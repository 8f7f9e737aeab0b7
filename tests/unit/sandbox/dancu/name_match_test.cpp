#include "sandbox/dancu/name_match.hpp"

#include <gtest/gtest.h>

namespace lienthong::sandbox::dancu {
namespace {

TEST(NameMatchTest, TrimsAndCollapsesWhitespace) {
  EXPECT_EQ(comparable_name("  Nguyễn   Văn\tAn \n"), "nguyễn văn an");
  EXPECT_EQ(comparable_name(""), "");
  EXPECT_EQ(comparable_name("   "), "");
}

TEST(NameMatchTest, IgnoresCaseOfVietnameseLetters) {
  EXPECT_TRUE(same_name("NGUYỄN VĂN AN", "Nguyễn Văn An"));
  EXPECT_TRUE(same_name("ĐẶNG THỊ MINH PHƯỢNG", "Đặng Thị Minh Phượng"));
  EXPECT_TRUE(same_name("TRỊNH ĐỨC THẮNG", "trịnh đức thắng"));
  EXPECT_TRUE(same_name("ƠN ƯỚC ỸÝ", "ơn ước ỹý"));
  EXPECT_TRUE(same_name("RƠ MAH HLIM", "Rơ Mah Hlim"));
}

TEST(NameMatchTest, KeepsDiacriticsSignificant) {
  EXPECT_FALSE(same_name("Nguyen Van An", "Nguyễn Văn An"));
  EXPECT_FALSE(same_name("Nguyễn Văn Anh", "Nguyễn Văn An"));
  EXPECT_FALSE(same_name("Nguyễn Văn Ấn", "Nguyễn Văn An"));
}

TEST(NameMatchTest, InvalidUtf8OnlyMatchesItself) {
  const std::string bad = "Nguy\xff\xfe n";
  EXPECT_TRUE(same_name(bad, bad));
  EXPECT_FALSE(same_name(bad, "Nguy n"));
  EXPECT_EQ(comparable_name("A \xff B"), "a \xff b");
}

}  // namespace
}  // namespace lienthong::sandbox::dancu
