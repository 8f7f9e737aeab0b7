#include "core/pipeline/ingress/request_parts.hpp"

#include <gtest/gtest.h>

namespace lienthong::pipeline {
namespace {

TEST(ParseJsonBody, ReadsAnObject) {
  auto v = parse_json_body(R"({"a": [1, 2.5, {"b": null}], "c": "x"})");
  ASSERT_TRUE(v);
  EXPECT_EQ((*v)["a"][1], 2.5);
  EXPECT_EQ((*v)["c"], "x");
}

TEST(ParseJsonBody, BrokenTextIsMalformedWithTheByte) {
  auto v = parse_json_body(R"({"a": )");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().kind, ProblemKind::kMalformed);
  EXPECT_NE(v.error().detail.find("byte"), std::string::npos);
  EXPECT_FALSE(parse_json_body(R"({"a": 1} trailing)"));
}

// A number beyond double range is JSON text but no value the hub can carry: 400 naming where.
TEST(ParseJsonBody, ANumberOutOfRangeNamesItsPointer) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"enterpriseCode": 1e999})", "/enterpriseCode"},
      {R"(-1e400)", ""},
      {R"({"a": [0, {"x": true}, [1, 2e308]]})", "/a/2/1"},
      {R"({"a": {"b/c": {"d~e": -9e999}}})", "/a/b~1c/d~0e"},
      {R"([{"k": 1}, {"k": 1.7e309}])", "/1/k"},
  };
  for (const auto& [body, pointer] : cases) {
    auto v = parse_json_body(body);
    ASSERT_FALSE(v) << body;
    EXPECT_EQ(v.error().kind, ProblemKind::kInvalid) << body;
    ASSERT_EQ(v.error().errors.size(), 1u) << body;
    EXPECT_EQ(v.error().errors[0].pointer, pointer) << body;
  }
}

}  // namespace
}  // namespace lienthong::pipeline
