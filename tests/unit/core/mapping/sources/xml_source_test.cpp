#include <gtest/gtest.h>

#include "core/mapping/mapping.hpp"
#include "tests/unit/core/mapping/mapping_test_support.hpp"

namespace lienthong::mapping {
namespace {

using nlohmann::json;
using testing::compile;

// Reads a citizen answer with the mapping's own prefixes (soap:, dc:).
constexpr std::string_view kCitizenMapping = R"({
  "namespaces": {"soap": "http://schemas.xmlsoap.org/soap/envelope/", "dc": "urn:dancu:congdan:1.0"},
  "not_found_unless": "/soap:Envelope/soap:Body/dc:CongdanCollection/dc:CongDan",
  "context": "/soap:Envelope/soap:Body/dc:CongdanCollection/dc:CongDan",
  "output": {
    "id": "{{ dc:SoDinhDanh | required }}",
    "name": "{{ [dc:HoVaTen/dc:Ho, dc:HoVaTen/dc:ChuDem, dc:HoVaTen/dc:Ten] | join(' ') }}",
    "lang": "{{ dc:HoVaTen/@xml:lang }}",
    "kind": "{{ dc:HoVaTen/@dc:kind }}",
    "plain": "{{ dc:HoVaTen/@plain }}",
    "children": {"$each": "dc:Con", "$item": "{{ dc:Ten }}"},
    "childCount": "{{ count(dc:Con) }}",
    "hasChildren": "{{ count(dc:Con) > 0 }}",
    "other": "{{ Extra }}"
  }
})";

const json kExpected = {
    {"id", "001089012345"}, {"name", "Nguyễn Văn An"},     {"lang", "vi"},    {"kind", "full"},
    {"plain", "p"},         {"children", {"Bình", "Chi"}}, {"childCount", 2}, {"hasChildren", true},
    {"other", "x"}};

json apply_xml(std::string_view xml) {
  auto mapping = compile(kCitizenMapping, "m.json", SourceFormat::kXml);
  if (!mapping) return "<did not load>";
  auto out = mapping->apply_text(xml);
  EXPECT_TRUE(out) << (out ? "" : out.error().to_string());
  return out ? out->json : json("<error>");
}

MappingError xml_error(std::string_view xml) {
  auto mapping = compile(kCitizenMapping, "m.json", SourceFormat::kXml);
  if (!mapping) return {};
  auto out = mapping->apply_text(xml);
  EXPECT_FALSE(out);
  return out ? MappingError{} : out.error();
}

TEST(XmlSourceTest, SamePrefixesAsTheMapping) {
  EXPECT_EQ(apply_xml(R"(<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dc="urn:dancu:congdan:1.0">
 <soap:Body><dc:CongdanCollection><dc:CongDan>
  <dc:SoDinhDanh>001089012345</dc:SoDinhDanh>
  <dc:HoVaTen xml:lang="vi" dc:kind="full" plain="p"><dc:Ho>Nguyễn</dc:Ho><dc:ChuDem>Văn</dc:ChuDem><dc:Ten>An</dc:Ten></dc:HoVaTen>
  <dc:Con><dc:Ten>Bình</dc:Ten></dc:Con><dc:Con><dc:Ten>Chi</dc:Ten></dc:Con>
  <Extra>x</Extra>
 </dc:CongDan></dc:CongdanCollection></soap:Body>
</soap:Envelope>)"),
            kExpected);
}

TEST(XmlSourceTest, OtherWirePrefixes) {
  EXPECT_EQ(apply_xml(R"(<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
 <S:Body><ns2:CongdanCollection xmlns:ns2="urn:dancu:congdan:1.0"><ns2:CongDan>
  <ns2:SoDinhDanh>001089012345</ns2:SoDinhDanh>
  <ns2:HoVaTen xml:lang="vi" ns2:kind="full" plain="p"><ns2:Ho>Nguyễn</ns2:Ho><ns2:ChuDem>Văn</ns2:ChuDem><ns2:Ten>An</ns2:Ten></ns2:HoVaTen>
  <ns2:Con><ns2:Ten>Bình</ns2:Ten></ns2:Con><ns2:Con><ns2:Ten>Chi</ns2:Ten></ns2:Con>
  <Extra xmlns="">x</Extra>
 </ns2:CongDan></ns2:CongdanCollection></S:Body>
</S:Envelope>)"),
            kExpected);
}

TEST(XmlSourceTest, DefaultNamespaceOnTheWire) {
  EXPECT_EQ(apply_xml(R"(<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">
 <Body><CongdanCollection xmlns="urn:dancu:congdan:1.0" xmlns:k="urn:dancu:congdan:1.0"><CongDan>
  <SoDinhDanh>001089012345</SoDinhDanh>
  <HoVaTen xml:lang="vi" k:kind="full" plain="p"><Ho>Nguyễn</Ho><ChuDem>Văn</ChuDem><Ten>An</Ten></HoVaTen>
  <Con><Ten>Bình</Ten></Con><Con><Ten>Chi</Ten></Con>
  <Extra xmlns="urn:somebody:else">x</Extra>
 </CongDan></CongdanCollection></Body>
</Envelope>)"),
            kExpected);
}

TEST(XmlSourceTest, WrongNamespaceDoesNotMatch) {
  auto e = xml_error(
      R"(<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dc="urn:other">
 <soap:Body><dc:CongdanCollection><dc:CongDan><dc:SoDinhDanh>1</dc:SoDinhDanh></dc:CongDan></dc:CongdanCollection></soap:Body>
</soap:Envelope>)");
  EXPECT_EQ(e.kind, MappingError::Kind::kNotFound);
}

TEST(XmlSourceTest, EmptyCollectionMeansNotFound) {
  const char* xml = R"(<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
 <soap:Body><CongdanCollection xmlns="urn:dancu:congdan:1.0"/></soap:Body></soap:Envelope>)";
  auto mapping = compile(kCitizenMapping, "m.json", SourceFormat::kXml);
  ASSERT_NE(mapping, nullptr);
  EXPECT_TRUE(mapping->signals_not_found_text(xml));
  auto out = mapping->apply_text(xml);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, MappingError::Kind::kNotFound);
  EXPECT_EQ(out.error().rule, "not_found_unless");
}

TEST(XmlSourceTest, RequiredErrorNamesTheFullXPath) {
  auto e = xml_error(R"(<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">
 <Body><CongdanCollection xmlns="urn:dancu:congdan:1.0"><CongDan/></CongdanCollection></Body></Envelope>)");
  EXPECT_EQ(e.kind, MappingError::Kind::kRequiredMissing);
  EXPECT_EQ(e.to_string(),
            "m.json: rule /id: input "
            "/soap:Envelope/soap:Body/dc:CongdanCollection/dc:CongDan/dc:SoDinhDanh: "
            "required value is missing");
}

TEST(XmlSourceTest, RefusesDoctype) {
  auto e = xml_error(R"(<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
<Envelope>&lol2;</Envelope>)");
  EXPECT_EQ(e.kind, MappingError::Kind::kBadSource);
  EXPECT_EQ(e.reason, "DTD not allowed");
  EXPECT_EQ(xml_error("<!doctype x><x/>").reason, "DTD not allowed");
}

TEST(XmlSourceTest, RefusesBrokenXml) {
  auto e = xml_error("<a>\n<b></a>");
  EXPECT_EQ(e.kind, MappingError::Kind::kBadSource);
  EXPECT_EQ(e.reason, "not valid XML: Start-end tags mismatch (line 2)");
  EXPECT_EQ(xml_error("").reason, "not valid XML: No document element found (line 1)");
  EXPECT_EQ(xml_error("<a>\xff</a>").reason, "not valid UTF-8");
  EXPECT_EQ(xml_error("<p:a/>").reason, "prefix 'p' of <p:a> is not declared");
}

TEST(XmlSourceTest, BoundsDepthAndSize) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<a>";
  for (int i = 0; i < 300; ++i) deep += "</a>";
  EXPECT_EQ(xml_error(deep).reason, "nested deeper than 256 elements");
  const std::string big = "<a>" + std::string(8 * 1024 * 1024, 'x') + "</a>";
  EXPECT_EQ(xml_error(big).reason, "larger than 8 MiB");
}

TEST(XmlSourceTest, DepthLimitIsInclusive) {
  auto mapping = compile(R"({"output": {"n": "{{ count(//a) }}"}})", "m.json", SourceFormat::kXml);
  ASSERT_NE(mapping, nullptr);
  std::string xml;
  for (int i = 0; i < 256; ++i) xml += "<a>";
  for (int i = 0; i < 256; ++i) xml += "</a>";
  auto out = mapping->apply_text(xml);
  ASSERT_TRUE(out) << out.error().to_string();
  EXPECT_EQ(out->json, json({{"n", 256}}));
}

TEST(XmlSourceTest, EntitiesAreNotExpanded) {
  auto mapping = compile(R"({"output": {"v": "{{ /a }}"}})", "m.json", SourceFormat::kXml);
  ASSERT_NE(mapping, nullptr);
  auto out = mapping->apply_text("<a>x &amp; &#x1EA1; &ext;</a>");
  ASSERT_TRUE(out) << out.error().to_string();
  EXPECT_EQ(out->json, json({{"v", "x & ạ &ext;"}}));
}

TEST(XmlSourceTest, IfAndEachOverNodeSets) {
  auto mapping = compile(R"({"output": {
    "many": {"$if": "count(/r/i) > 1", "$then": true},
    "few": {"$if": "count(/r/i) > 5", "$then": true},
    "has": {"$if": "/r/i[@k='b']", "$then": "{{ /r/i[@k='b'] }}"},
    "items": {"$each": "/r/i", "$item": {"k": "{{ @k }}", "v": "{{ . | number }}"}},
    "none": {"$each": "/r/nothing", "$item": 1}
  }})",
                         "m.json", SourceFormat::kXml);
  ASSERT_NE(mapping, nullptr);
  auto out = mapping->apply_text(R"(<r><i k="a">1</i><i k="b">2.5</i></r>)");
  ASSERT_TRUE(out) << out.error().to_string();
  EXPECT_EQ(out->json, json({{"many", true},
                             {"has", "2.5"},
                             {"items", {{{"k", "a"}, {"v", 1}}, {{"k", "b"}, {"v", 2.5}}}}}));
}

TEST(XmlSourceTest, ErrorInsideEachNamesTheNode) {
  auto mapping =
      compile(R"({"output": {"items": {"$each": "/r/i", "$item": "{{ . | integer }}"}}})", "m.json",
              SourceFormat::kXml);
  ASSERT_NE(mapping, nullptr);
  auto out = mapping->apply_text("<r><i>1</i><i>x</i></r>");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().to_string(),
            "m.json: rule /items/$item: input /r/i[2]: integer: 'x' is not a number");
}

TEST(XmlSourceTest, ApplyOnParsedJsonIsRefused) {
  auto mapping = compile(kCitizenMapping, "m.json", SourceFormat::kXml);
  ASSERT_NE(mapping, nullptr);
  auto out = mapping->apply(json::object());
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, MappingError::Kind::kBadSource);
}

TEST(XmlSourceTest, SourceRefsOfXPathsAreRelativeUnlessAbsolute) {
  auto mapping = compile(kCitizenMapping, "m.json", SourceFormat::kXml);
  ASSERT_NE(mapping, nullptr);
  const auto& refs = mapping->source_refs();
  ASSERT_GE(refs.size(), 3u);
  EXPECT_EQ(refs[0].rule, "not_found_unless");
  EXPECT_FALSE(refs[0].relative);
  EXPECT_EQ(refs[1].rule, "context");
  const auto id =
      std::find_if(refs.begin(), refs.end(), [](const SourceRef& r) { return r.rule == "/id"; });
  ASSERT_NE(id, refs.end());
  EXPECT_EQ(id->path, "dc:SoDinhDanh");
  EXPECT_EQ(id->line, 6);
  EXPECT_TRUE(id->relative);
}

}  // namespace
}  // namespace lienthong::mapping
