#include "core/log/mask.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/log/log.hpp"

namespace lienthong::log {
namespace {

TEST(MaskValue, KeepsTheFirstCharactersOnly) {
  EXPECT_EQ(mask_value("001089012345"), "0010********");
  EXPECT_EQ(mask_value("Nguyễn Văn An"), "Nguy*********") << "counts code points, not bytes";
  EXPECT_EQ(mask_value("abc"), "abc");
  EXPECT_EQ(mask_value("secret", 0), "******");
}

TEST(MaskLine, MasksLongDigitRunsAndBearerTokens) {
  EXPECT_EQ(mask_line("citizen 001089012345 asked"), "citizen 0010******** asked");
  EXPECT_EQ(mask_line("tax 0100109106-001"), "tax 0100******-001");
  EXPECT_EQ(mask_line("Authorization: Bearer abc.def"), "Authorization: Bearer *******");
  EXPECT_EQ(mask_line("status=200 ms=12 port=8080"), "status=200 ms=12 port=8080");
}

TEST(MaskLine, LeavesMessageIdsWhole) {
  // The last group of this v7 UUID is all digits: it is an id, not an ID number.
  const std::string id = "01a232df-5296-7f8f-af8f-314208765432";
  EXPECT_EQ(mask_line("exchange id=" + id + " status=200"), "exchange id=" + id + " status=200");
  // Not a UUID (too long a last group, or glued to other text): digits are masked as usual.
  EXPECT_EQ(mask_line("x=01a232df-5296-7f8f-af8f-3142087654321"),
            "x=01a232df-5296-7f8f-af8f-3142*********");
  EXPECT_EQ(mask_line("ID001089012345-aaaa"), "ID0010********-aaaa");
}

TEST(MaskLine, LeavesSerialsAndHashesWhole) {
  // A certificate serial whose hex happens to hold a run of nine digits: not an ID number.
  EXPECT_EQ(mask_line("serial=474B6271D9509123456789B65BF86773"),
            "serial=474B6271D9509123456789B65BF86773");
  EXPECT_EQ(mask_line("sha256=ab001089012345cd"), "sha256=ab001089012345cd");
  // Too short to be a hash, or all digits: an ID number is still masked.
  EXPECT_EQ(mask_line("x=ab001089012345"), "x=ab0010********");
  EXPECT_EQ(mask_line("x=00108901234500108901"), "x=0010****************");
}

std::vector<std::string>* g_lines = nullptr;
void capture(std::string_view line) {
  g_lines->emplace_back(line);
}

TEST(Log, PersonalFieldsAndWholeLinesAreMasked) {
  std::vector<std::string> lines;
  g_lines = &lines;
  set_sink(&capture);
  info("lookup", {personal("name", "Nguyễn Văn An"), {"note", "id 079301001234 seen"}});
  set_sink(nullptr);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("INFO lookup name=Nguy*********"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("note=\"id 0793******** seen\""), std::string::npos) << lines[0];
  EXPECT_EQ(lines[0].find("Văn"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::log
