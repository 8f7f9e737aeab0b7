#include "core/admin/query_params.hpp"

#include <gtest/gtest.h>

namespace lienthong::admin {
namespace {

TEST(ParseQuery, DecodesPairs) {
  auto q = parse_query("connector=dvcqg&state=dead&before=a%2Fb&x=&flag");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->at("connector"), "dvcqg");
  EXPECT_EQ(q->at("before"), "a/b");
  EXPECT_EQ(q->at("x"), "");
  EXPECT_EQ(q->at("flag"), "");
  EXPECT_TRUE(parse_query("")->empty());
  EXPECT_EQ(parse_query("&&a=1&")->size(), 1u);
}

TEST(ParseQuery, RefusesBadEncodingAndRepeats) {
  auto bad = parse_query("state=%zz");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ProblemKind::kMalformed);
  auto twice = parse_query("limit=1&limit=2");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().detail, "query parameter limit given twice");
}

}  // namespace
}  // namespace lienthong::admin
