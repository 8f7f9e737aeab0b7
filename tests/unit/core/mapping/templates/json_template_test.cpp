#include <gtest/gtest.h>

#include "core/mapping/mapping.hpp"
#include "tests/unit/core/mapping/mapping_test_support.hpp"

namespace lienthong::mapping {
namespace {

using nlohmann::json;
using testing::compile;

json map_json(std::string_view mapping_text, const json& input) {
  auto mapping = compile(mapping_text);
  if (!mapping) return "<did not load>";
  auto out = mapping->apply(input);
  EXPECT_TRUE(out) << (out ? "" : out.error().to_string());
  return out ? out->json : json("<error>");
}

MappingError apply_error(std::string_view mapping_text, const json& input) {
  auto mapping = compile(mapping_text);
  if (!mapping) return {};
  auto out = mapping->apply(input);
  EXPECT_FALSE(out);
  return out ? MappingError{} : out.error();
}

TEST(JsonTemplateTest, OneExpressionKeepsItsType) {
  const json input = {{"n", 3}, {"b", true}, {"o", {{"k", "v"}}}, {"a", {1, 2}}, {"s", "x"}};
  EXPECT_EQ(map_json(R"({"output": {"n": "{{/n}}", "b": "{{ /b }}", "o": "{{ /o }}",
                                 "a": "{{ /a }}", "s": "{{ /s }}"}})",
                     input),
            input);
}

TEST(JsonTemplateTest, MixedTextIsText) {
  EXPECT_EQ(
      map_json(R"({"output": {"v": "Số {{ /n }} - {{ /s | upper }}!"}})", {{"n", 3}, {"s", "ab"}}),
      json({{"v", "Số 3 - AB!"}}));
}

TEST(JsonTemplateTest, MixedTextWithAnAbsentPartIsAbsent) {
  EXPECT_EQ(map_json(R"({"output": {"v": "a {{ /x }} b", "w": "a {{ /x | default('-') }} b"}})",
                     json::object()),
            json({{"w", "a - b"}}));
}

TEST(JsonTemplateTest, LiteralBracesAndLiteralSources) {
  EXPECT_EQ(map_json(R"({"output": {"a": "{{ '}}' }}", "b": "x {{ '{{' }} y", "n": "{{ 5 }}",
                                    "s": "{{ 'it\\'s' }}"}})",
                     json::object()),
            json({{"a", "}}"}, {"b", "x {{ y"}, {"n", 5}, {"s", "it's"}}));
}

TEST(JsonTemplateTest, LiteralsAreCopied) {
  EXPECT_EQ(
      map_json(R"({"output": {"n": 1.5, "b": false, "z": null, "t": "plain", "l": [1, "x"]}})",
               json::object()),
      json({{"n", 1.5}, {"b", false}, {"z", nullptr}, {"t", "plain"}, {"l", {1, "x"}}}));
}

TEST(JsonTemplateTest, AbsentMembersAndElementsAreOmitted) {
  EXPECT_EQ(map_json(R"({"output": {"a": "{{ /a }}", "b": "{{ /b }}", "inner": {"c": "{{ /c }}"},
                                 "list": ["{{ /a }}", "{{ /b }}", "k"]}})",
                     {{"a", 1}, {"c", nullptr}}),
            json({{"a", 1}, {"inner", json::object()}, {"list", {1, "k"}}}));
}

TEST(JsonTemplateTest, ContextAndRoot) {
  const char* mapping = R"({
    "context": "/GetEntCert/0",
    "output": {"code": "{{ /Ma }}", "all": "{{ $root/count }}"}})";
  EXPECT_EQ(map_json(mapping, {{"count", 1}, {"GetEntCert", {{{"Ma", "0101"}}}}}),
            json({{"code", "0101"}, {"all", 1}}));
}

TEST(JsonTemplateTest, EachOverArray) {
  const char* mapping = R"({"output": {"people": {"$each": "/p", "$item": {
      "name": "{{ /n | trim }}", "org": "{{ $root/org }}"}}}})";
  EXPECT_EQ(map_json(mapping, {{"org", "X"}, {"p", {{{"n", " a "}}, nullptr, {{"n", "b"}}}}}),
            json({{"people", {{{"name", "a"}, {"org", "X"}}, {{"name", "b"}, {"org", "X"}}}}}));
}

TEST(JsonTemplateTest, EachOverALoneObjectIsAListOfOne) {
  const char* mapping = R"({"output": {"people": {"$each": "/p", "$item": {"name": "{{ /n }}"}}}})";
  EXPECT_EQ(map_json(mapping, {{"p", {{"n", "a"}}}}), json({{"people", {{{"name", "a"}}}}}));
}

TEST(JsonTemplateTest, EachAbsentOmitsEmptyGivesEmptyList) {
  const char* mapping = R"({"output": {"l": {"$each": "/p", "$item": "{{ . }}"}}})";
  EXPECT_EQ(map_json(mapping, json::object()), json::object());
  EXPECT_EQ(map_json(mapping, {{"p", nullptr}}), json::object());
  EXPECT_EQ(map_json(mapping, {{"p", json::array()}}), json({{"l", json::array()}}));
  EXPECT_EQ(map_json(mapping, {{"p", {"x", "y"}}}), json({{"l", {"x", "y"}}}));
}

TEST(JsonTemplateTest, NestedEach) {
  const char* mapping = R"({"output": {"o": {"$each": "/orders", "$item": {
      "id": "{{ /id }}", "lines": {"$each": "/lines", "$item": "{{ /sku | lower }}"}}}}})";
  const json input = {{"orders",
                       {{{"id", 1}, {"lines", {{{"sku", "A"}}, {{"sku", "B"}}}}},
                        {{"id", 2}, {"lines", json::array()}}}}};
  EXPECT_EQ(
      map_json(mapping, input),
      json({{"o", {{{"id", 1}, {"lines", {"a", "b"}}}, {{"id", 2}, {"lines", json::array()}}}}}));
}

TEST(JsonTemplateTest, IfKeepsThenOnlyWhenPresent) {
  const char* mapping =
      R"({"output": {"addr": {"$if": "/a/0", "$then": {"city": "{{ /a/0/c }}"}}}})";
  EXPECT_EQ(map_json(mapping, {{"a", {{{"c", "HN"}}}}}), json({{"addr", {{"city", "HN"}}}}));
  EXPECT_EQ(map_json(mapping, {{"a", json::array()}}), json::object());
  EXPECT_EQ(map_json(mapping, {{"a", nullptr}}), json::object());
}

TEST(JsonTemplateTest, NotFoundUnless) {
  auto mapping = compile(R"({"not_found_unless": "/GetEntCert/0", "context": "/GetEntCert/0",
                             "output": {"c": "{{ /Ma }}"}})");
  ASSERT_NE(mapping, nullptr);
  for (const json& input :
       {json{{"GetEntCert", nullptr}}, json{{"GetEntCert", json::array()}}, json::object()}) {
    EXPECT_TRUE(mapping->signals_not_found(input)) << input;
    auto out = mapping->apply(input);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, MappingError::Kind::kNotFound);
  }
  const json found = {{"GetEntCert", {{{"Ma", "1"}}}}};
  EXPECT_FALSE(mapping->signals_not_found(found));
  EXPECT_TRUE(mapping->signals_not_found_text(R"({"GetEntCert": null})"));
  EXPECT_FALSE(mapping->signals_not_found_text(found.dump()));
  EXPECT_EQ(mapping->apply(found)->json, json({{"c", "1"}}));
}

TEST(JsonTemplateTest, MissingContextIsAnError) {
  auto e = apply_error(R"({"context": "/a", "output": {"c": "{{ /b }}"}})", json::object());
  EXPECT_EQ(e.kind, MappingError::Kind::kRequiredMissing);
  EXPECT_EQ(e.to_string(), "m.json: rule context: input /a: the context is not in the source");
}

TEST(JsonTemplateTest, ErrorsNameRuleAndFullInputPath) {
  const char* mapping = R"({"context": "/GetEntCert/0", "output": {
      "legalRepresentatives": {"$each": "/DaiDienPhapLuat", "$item": {"name": "{{ /HoTen | required }}"}}}})";
  const json input = {{"GetEntCert", {{{"DaiDienPhapLuat", {{{"HoTen", "A"}}, {{"X", 1}}}}}}}};
  auto e = apply_error(mapping, input);
  EXPECT_EQ(e.kind, MappingError::Kind::kRequiredMissing);
  EXPECT_EQ(e.file, "m.json");
  EXPECT_EQ(e.rule, "/legalRepresentatives/$item/name");
  EXPECT_EQ(e.input_path, "/GetEntCert/0/DaiDienPhapLuat/1/HoTen");
  EXPECT_EQ(e.reason, "required value is missing");
}

TEST(JsonTemplateTest, ObjectsCannotGoIntoText) {
  auto e = apply_error(R"({"output": {"v": "x {{ /o }}"}})", {{"o", {{"k", 1}}}});
  EXPECT_EQ(e.to_string(), "m.json: rule /v: input /o: cannot put an object into text");
}

TEST(JsonTemplateTest, ApplyTextParsesJson) {
  auto mapping = compile(R"({"output": {"v": "{{ /a }}"}})");
  ASSERT_NE(mapping, nullptr);
  EXPECT_EQ(mapping->apply_text(R"({"a": "ê"})")->json, json({{"v", "ê"}}));
  auto bad = mapping->apply_text("{\"a\": ");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, MappingError::Kind::kBadSource);
  EXPECT_TRUE(bad.error().reason.starts_with("not valid JSON: ")) << bad.error().reason;
}

TEST(JsonTemplateTest, ApplyTextBoundsSizeAndDepth) {
  auto mapping = compile(R"({"output": {"v": "{{ /a }}"}})");
  ASSERT_NE(mapping, nullptr);
  const std::string deep = std::string(300, '[') + std::string(300, ']');
  EXPECT_EQ(mapping->apply_text(deep).error().reason, "nested deeper than 256 levels");
  const std::string ok = std::string(256, '[') + std::string(256, ']');
  EXPECT_TRUE(mapping->apply_text(ok));
  const std::string big = "\"" + std::string(8 * 1024 * 1024, 'x') + "\"";
  EXPECT_EQ(mapping->apply_text(big).error().reason, "larger than 8 MiB");
}

TEST(JsonTemplateTest, SourceRefsListEveryPathRead) {
  auto mapping = compile(R"({
    "output": {
      "a": "{{ /citizenId | required }}",
      "b": "{{ [/x, $root/_hub/client] | first }}",
      "l": {"$each": "/items", "$item": {"c": "{{ /code }}"}}
    }
  })");
  ASSERT_NE(mapping, nullptr);
  std::vector<std::tuple<std::string, std::string, int, bool>> refs;
  for (const auto& r : mapping->source_refs())
    refs.emplace_back(r.path, r.rule, r.line, r.relative);
  EXPECT_EQ(refs, (std::vector<std::tuple<std::string, std::string, int, bool>>{
                      {"/citizenId", "/a", 3, false},
                      {"/x", "/b", 4, false},
                      {"/_hub/client", "/b", 4, false},
                      {"/items", "/l/$each", 5, false},
                      {"/code", "/l/$item/c", 5, true}}));
}

TEST(JsonTemplateTest, SourceRefsUnderAContextAreRelative) {
  auto mapping = compile(R"({"context": "/r", "output": {"a": "{{ /x }}", "b": "{{ $root/y }}"}})");
  ASSERT_NE(mapping, nullptr);
  const auto& refs = mapping->source_refs();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].path, "/r");
  EXPECT_EQ(refs[0].rule, "context");
  EXPECT_FALSE(refs[0].relative);
  EXPECT_TRUE(refs[1].relative);
  EXPECT_EQ(refs[2].path, "/y");
  EXPECT_FALSE(refs[2].relative);
}

TEST(JsonTemplateTest, ApplyIsRepeatableAndDoesNotChangeTheMapping) {
  auto mapping = compile(R"({"output": {"v": "{{ /a | default('d') }}"}})");
  ASSERT_NE(mapping, nullptr);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(mapping->apply(json::object())->json, json({{"v", "d"}}));
    EXPECT_EQ(mapping->apply({{"a", i}})->json, json({{"v", i}}));
  }
}

}  // namespace
}  // namespace lienthong::mapping
