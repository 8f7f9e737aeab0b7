#include "core/pipeline/stages/map_request_stage.hpp"

#include <gtest/gtest.h>

namespace lienthong::pipeline {
namespace {

TEST(LayOutRequest, JsonBody) {
  mapping::Output out{mapping::OutputFormat::kJson, {{"a", 1}}, {}};
  auto wire = lay_out_request(out, "json-body");
  ASSERT_TRUE(wire);
  EXPECT_EQ(wire->body, R"({"a":1})");
  EXPECT_EQ(wire->content_type, "application/json");
}

TEST(LayOutRequest, XmlBody) {
  mapping::Output out{mapping::OutputFormat::kXml, {}, "<a/>"};
  auto wire = lay_out_request(out, "xml-body");
  ASSERT_TRUE(wire);
  EXPECT_EQ(wire->body, "<a/>");
  EXPECT_EQ(wire->content_type, "text/xml; charset=utf-8");
}

TEST(LayOutRequest, QueryTakesScalarsAndSkipsNull) {
  mapping::Output out{mapping::OutputFormat::kJson,
                      {{"msdn", "0100109106"}, {"n", 2}, {"b", true}, {"z", nullptr}},
                      {}};
  auto wire = lay_out_request(out, "query");
  ASSERT_TRUE(wire);
  std::vector<std::pair<std::string, std::string>> expected{
      {"b", "true"}, {"msdn", "0100109106"}, {"n", "2"}};
  EXPECT_EQ(wire->query, expected);
  EXPECT_TRUE(wire->body.empty());
}

TEST(LayOutRequest, QueryRefusesNestedValues) {
  mapping::Output out{mapping::OutputFormat::kJson, {{"a", {{"b", 1}}}}, {}};
  auto wire = lay_out_request(out, "query");
  ASSERT_FALSE(wire);
  EXPECT_EQ(wire.error().kind, ProblemKind::kInternal);
}

}  // namespace
}  // namespace lienthong::pipeline
