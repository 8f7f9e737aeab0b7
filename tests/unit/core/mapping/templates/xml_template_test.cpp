#include <gtest/gtest.h>

#include "core/mapping/mapping.hpp"
#include "tests/unit/core/mapping/mapping_test_support.hpp"

namespace lienthong::mapping {
namespace {

using nlohmann::json;
using testing::compile;

constexpr std::string_view kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

std::string render(std::string_view mapping_text, const json& input) {
  auto mapping = compile(mapping_text, "m.xml");
  if (!mapping) return "<did not load>";
  EXPECT_EQ(mapping->output_format(), OutputFormat::kXml);
  auto out = mapping->apply(input);
  EXPECT_TRUE(out) << (out ? "" : out.error().to_string());
  if (!out) return "<error>";
  EXPECT_TRUE(out->text.starts_with(kDeclaration));
  return out->text.substr(kDeclaration.size());
}

TEST(XmlTemplateTest, FillsTextAndAttributesAndOmitsAbsent) {
  const char* mapping = R"(<?xml version="1.0"?>
<!-- a comment that is not copied -->
<r xmlns:map="urn:lienthong:mapping" kind="{{ /kind }}" fixed="1">
  <a>{{ /a | required }}</a>
  <b>
     {{ /b }}
  </b>
  <c note="{{ /note }}">{{ /c | date('iso', 'yyyyMMdd') }}</c>
  <d>Mã: {{ /a }}</d>
  <e/>
</r>)";
  EXPECT_EQ(render(mapping, {{"a", "1 < 2 & 3"}, {"c", "2021-06-17"}, {"note", "say \"hi\""}}),
            "<r fixed=\"1\">\n"
            "  <a>1 &lt; 2 &amp; 3</a>\n"
            "  <c note=\"say &quot;hi&quot;\">20210617</c>\n"
            "  <d>Mã: 1 &lt; 2 &amp; 3</d>\n"
            "  <e/>\n"
            "</r>\n");
}

TEST(XmlTemplateTest, TypedValuesAreWrittenAsText) {
  EXPECT_EQ(render("<r><n>{{ /n }}</n><b>{{ /b }}</b></r>", {{"n", 12}, {"b", true}}),
            "<r>\n  <n>12</n>\n  <b>true</b>\n</r>\n");
}

TEST(XmlTemplateTest, EachRepeatsAndIfKeeps) {
  const char* mapping = R"(<r xmlns:map="urn:lienthong:mapping">
  <Item map:each="/items" pos="{{ /pos }}"><Code>{{ /code | upper }}</Code><Org>{{ $root/org }}</Org></Item>
  <Opt map:if="/flag">yes</Opt>
  <Gone map:each="/missing"><X>1</X></Gone>
</r>)";
  EXPECT_EQ(
      render(mapping, {{"org", "O"}, {"items", {{{"code", "a"}, {"pos", 1}}, {{"code", "b"}}}}}),
      "<r>\n"
      "  <Item pos=\"1\">\n    <Code>A</Code>\n    <Org>O</Org>\n  </Item>\n"
      "  <Item>\n    <Code>B</Code>\n    <Org>O</Org>\n  </Item>\n"
      "</r>\n");
  EXPECT_EQ(render(mapping, {{"flag", true}, {"items", json::array()}}),
            "<r>\n  <Opt>yes</Opt>\n</r>\n");
}

TEST(XmlTemplateTest, ElementWhoseChildrenAreAllAbsentIsEmpty) {
  EXPECT_EQ(render("<r><g><a>{{ /a }}</a></g></r>", json::object()), "<r>\n  <g/>\n</r>\n");
}

TEST(XmlTemplateTest, KeepsNamespacesButDropsTheMappingOne) {
  const char* mapping =
      R"(<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dc="urn:dancu:congdan:1.0" xmlns:map="urn:lienthong:mapping">
  <soap:Body Id="body"><dc:X map:if="/x">{{ /x }}</dc:X></soap:Body>
</soap:Envelope>)";
  EXPECT_EQ(render(mapping, {{"x", "v"}}),
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            "xmlns:dc=\"urn:dancu:congdan:1.0\">\n"
            "  <soap:Body Id=\"body\">\n    <dc:X>v</dc:X>\n  </soap:Body>\n"
            "</soap:Envelope>\n");
}

TEST(XmlTemplateTest, OtherMappingPrefix) {
  const char* mapping = R"(<r xmlns:m="urn:lienthong:mapping"><i m:each="/l">{{ . }}</i></r>)";
  EXPECT_EQ(render(mapping, {{"l", {1, 2}}}), "<r>\n  <i>1</i>\n  <i>2</i>\n</r>\n");
}

TEST(XmlTemplateTest, EscapesControlCharactersInAttributes) {
  EXPECT_EQ(render(R"(<r a="{{ /a }}">{{ /a }}</r>)", {{"a", "x\ny\t'<>"}}),
            "<r a=\"x&#10;y&#9;'&lt;&gt;\">x\ny\t'&lt;&gt;</r>\n");
}

TEST(XmlTemplateTest, RequiredErrorNamesTheXmlPath) {
  const char* mapping = R"(<soap:Envelope xmlns:soap="s" xmlns:dc="d">
  <soap:Body><dc:Tra><dc:MaYeuCau>{{ /requestId | required }}</dc:MaYeuCau></dc:Tra></soap:Body>
</soap:Envelope>)";
  auto m = compile(mapping, "req.xml");
  ASSERT_NE(m, nullptr);
  auto out = m->apply(json::object());
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, MappingError::Kind::kRequiredMissing);
  EXPECT_EQ(out.error().to_string(),
            "req.xml: rule /soap:Envelope/soap:Body/dc:Tra/dc:MaYeuCau: input /requestId: "
            "required value is missing");
}

TEST(XmlTemplateTest, ErrorInsideEachNamesTheItem) {
  auto m = compile(
      R"(<r xmlns:map="urn:lienthong:mapping"><i map:each="/l" d="{{ /d | date('iso', 'yyyyMMdd') }}"/></r>)",
      "m.xml");
  ASSERT_NE(m, nullptr);
  auto out = m->apply({{"l", {{{"d", "2020-01-01"}}, {{"d", "2020-02-30"}}}}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().to_string(),
            "m.xml: rule /r/i/@d: input /l/1/d: date: '2020-02-30': no such date");
}

TEST(XmlTemplateTest, ListsCannotGoIntoText) {
  auto m = compile("<r>{{ /l }}</r>", "m.xml");
  ASSERT_NE(m, nullptr);
  auto out = m->apply({{"l", {1}}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().to_string(), "m.xml: rule /r: input /l: cannot put a list into XML text");
}

TEST(XmlTemplateTest, ControlCharactersAreRefused) {
  auto m = compile("<r><a>x {{ /a }}</a></r>", "m.xml");
  ASSERT_NE(m, nullptr);
  auto out = m->apply({{"a", "bell\x07"}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, MappingError::Kind::kBadValue);
  EXPECT_EQ(out.error().to_string(),
            "m.xml: rule /r/a: input /a: control character U+0007 cannot go into XML");
}

TEST(XmlTemplateTest, SourceRefsUseXmlPaths) {
  auto m = compile(
      "<r xmlns:map=\"urn:lienthong:mapping\">\n<a>{{ /a }}</a>\n"
      "<b map:each=\"/l\" c=\"{{ /c }}\"/>\n</r>",
      "m.xml");
  ASSERT_NE(m, nullptr);
  const auto& refs = m->source_refs();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].path, "/a");
  EXPECT_EQ(refs[0].rule, "/r/a");
  EXPECT_EQ(refs[0].line, 2);
  EXPECT_EQ(refs[1].path, "/l");
  EXPECT_EQ(refs[1].rule, "/r/b/@map:each");
  EXPECT_FALSE(refs[1].relative);
  EXPECT_EQ(refs[2].path, "/c");
  EXPECT_EQ(refs[2].line, 3);
  EXPECT_TRUE(refs[2].relative);
}

}  // namespace
}  // namespace lienthong::mapping
