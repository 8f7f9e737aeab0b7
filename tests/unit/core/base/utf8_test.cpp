#include "core/base/utf8.hpp"

#include <gtest/gtest.h>

namespace lienthong {
namespace {

TEST(Utf8, DecodesEachLengthAndAdvances) {
  const std::string_view text = "a\xC3\xA9\xE1\xBB\x85\xF0\x9F\x98\x80";  // a é ễ 😀
  std::size_t i = 0;
  EXPECT_EQ(decode_utf8(text, i), U'a');
  EXPECT_EQ(decode_utf8(text, i), U'\u00E9');
  EXPECT_EQ(decode_utf8(text, i), U'\u1EC5');
  EXPECT_EQ(decode_utf8(text, i), U'\U0001F600');
  EXPECT_EQ(i, text.size());
}

TEST(Utf8, RefusesWhatRfc3629ForbidsWithoutMoving) {
  for (const std::string_view bad :
       {std::string_view("\x80"), std::string_view("\xC3"), std::string_view("\xC0\xAF"),
        std::string_view("\xED\xA0\x80"), std::string_view("\xF4\x90\x80\x80"),
        std::string_view("\xE1\x28\x85"), std::string_view("\xFF")}) {
    std::size_t i = 0;
    EXPECT_FALSE(decode_utf8(bad, i));
    EXPECT_EQ(i, 0u);
  }
}

}  // namespace
}  // namespace lienthong
