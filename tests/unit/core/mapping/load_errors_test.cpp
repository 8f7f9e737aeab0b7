#include <gtest/gtest.h>

#include "core/mapping/mapping.hpp"
#include "mapping_test_support.hpp"

namespace lienthong::mapping {
namespace {

using testing::load_errors;
using Errors = std::vector<std::string>;

CodeTables tables() {
  CodeTables t;
  t.add("sex", {{"1", "male"}});
  t.add("status", {{"01", "active"}});
  return t;
}

Errors json_errors(std::string_view text, SourceFormat source = SourceFormat::kJson) {
  return load_errors(text, "m.json", source, tables());
}

TEST(LoadErrorsTest, ReportsEveryProblemAtOnceWithLineAndKeyPath) {
  EXPECT_EQ(json_errors(R"({
  "descripton": "typo",
  "output": {
    "a": "{{ /a | uper }}",
    "b": "{{ /b | date('iso') }}",
    "c": "{{ /c | table('sexx') }}",
    "d": "{{ /d | date('iso', 'dd-MM-yyyy') }}",
    "e": "{{ a/b }}",
    "f": "{{ /f ",
    "g": {"$each": "/g", "$item": {"h": "{{ /h | default() }}"}}
  }
})"),
            (Errors{
                "m.json:2: descripton: unknown key (known: description, namespaces, context, "
                "not_found_unless, output)",
                "m.json:4: output.a: unknown filter 'uper' (known: required, default, trim, "
                "upper, lower, ascii, join, split, first, number, integer, string, bool, table, "
                "date)",
                "m.json:5: output.b: filter date takes 2 arguments, got 1",
                "m.json:6: output.c: table: no code table 'sexx' (tables: sex, status)",
                "m.json:7: output.d: date: unknown format 'dd-MM-yyyy' (known: dd/MM/yyyy, "
                "yyyyMMdd, yyyyMMddHHmmss, yyyy, iso)",
                "m.json:8: output.e: 'a/b' is not a JSON path: write /a/b (JSON Pointer), "
                "$root/a/b or .",
                "m.json:9: output.f: unclosed '{{'",
                "m.json:10: output.g.$item.h: filter default takes 1 argument, got 0",
            }));
}

TEST(LoadErrorsTest, ExpressionSyntax) {
  EXPECT_EQ(json_errors(R"({"output": {
    "a": "{{ }}",
    "b": "{{ /a | }}",
    "c": "{{ /a | trim upper }}",
    "d": "{{ /a | default('x) }}",
    "e": "{{ [/a, /b }}",
    "f": "x }} y",
    "g": "{{ /a | join(',' ';') }}",
    "h": "{{ /a~2 }}"
  }})"),
            (Errors{
                "m.json:2: output.a: in {{ }}: empty expression",
                "m.json:3: output.b: in {{ /a | }}: expected a filter name after '|' at "
                "character 9",
                "m.json:4: output.c: in {{ /a | trim upper }}: expected '|' before a filter at "
                "character 14",
                "m.json:5: output.d: unclosed '{{'",
                "m.json:6: output.e: in {{ [/a, /b }}: unclosed '[' at character 12",
                "m.json:7: output.f: '}}' without a matching '{{' (write {{ '}}' }} for literal "
                "braces)",
                "m.json:8: output.g: in {{ /a | join(',' ';') }}: expected ',' or ')' in the "
                "arguments of join at character 18",
                "m.json:9: output.h: '/a~2': '~' must be followed by 0 or 1 in a JSON Pointer",
            }));
}

TEST(LoadErrorsTest, Directives) {
  EXPECT_EQ(json_errors(R"({"output": {
    "a": {"$each": "/a"},
    "b": {"$each": "/b", "$item": 1, "extra": 2},
    "c": {"$item": 1},
    "d": {"$fi": "/d", "$then": 1},
    "e": {"$if": 3, "$then": 1}
  }})"),
            (Errors{
                "m.json:2: output.a: $each needs $item next to it",
                "m.json:3: output.b.extra: not allowed next to $each (only $item)",
                "m.json:4: output.c.$item: $item needs $each next to it",
                "m.json:5: output.d.$fi: unknown directive (known: $each with $item, $if with "
                "$then)",
                "m.json:5: output.d.$then: $then needs $if next to it",
                "m.json:6: output.e.$if: $if must be a path (text)",
            }));
}

TEST(LoadErrorsTest, Envelope) {
  EXPECT_EQ(json_errors(R"({"namespaces": {"dc": "urn:x"}, "context": 3})"),
            (Errors{"m.json:1: namespaces: namespaces apply to XML sources only",
                    "m.json:1: context: must be a path (text)",
                    "m.json:1: (file): missing \"output\" (the template)"}));
  EXPECT_EQ(json_errors("[1]"),
            (Errors{"m.json:1: (file): a mapping is an object with an \"output\" template"}));
  EXPECT_EQ(json_errors("{\n\"output\": {,}}"),
            (Errors{"m.json:2: (file): invalid JSON: parse error at line 2, column 12: syntax "
                    "error while parsing object key - unexpected ','; expected string literal"}));
}

// clang-format off
TEST(LoadErrorsTest, XPathProblems) {
  EXPECT_EQ(json_errors(R"~({
  "namespaces": {"dc": "urn:a", "x": "urn:a", "1bad": "urn:b"},
  "context": "count(/dc:A)",
  "output": {
    "a": "{{ dc:A[ }}",
    "b": "{{ ns2:B }}",
    "c": "{{ dc:A/// }}",
    "d": {"$each": "string(dc:A)", "$item": 1},
    "e": "{{ @xml:lang }}"
  }
})~", SourceFormat::kXml),
            (Errors{
                "m.json:2: namespaces.1bad: '1bad' cannot be a namespace prefix",
                "m.json:2: namespaces.x: same namespace as 'dc': one prefix per namespace",
                "m.json:3: context: must select nodes",
                "m.json:5: output.a: in {{ dc:A[ }}: unclosed '[' or '(' at character 10",
                "m.json:6: output.b: 'ns2:B': prefix 'ns2' is not declared in \"namespaces\"",
                "m.json:7: output.c: 'dc:A///' is not a valid XPath: Unrecognized node test at "
                "character 7",
                "m.json:8: output.d.$each: $each must select nodes",
            }));
}
// clang-format on

TEST(LoadErrorsTest, XmlTemplateErrorsAreLocatedByLineAndXmlPath) {
  EXPECT_EQ(load_errors(R"(<?xml version="1.0"?>
<soap:Envelope xmlns:soap="s" xmlns:dc="d" xmlns:map="urn:lienthong:mapping">
  <soap:Body>
    <dc:A>{{ /a | nope }}</dc:A>
    <dc:B map:each="b" map:repeat="x">
      <dc:C code="{{ /c | table('none') }}">
        {{ /c | date('iso', 'yyyy') | }}
      </dc:C>
    </dc:B>
  </soap:Body>
</soap:Envelope>)",
                        "req.xml", SourceFormat::kJson, tables()),
            (Errors{
                "req.xml:4: /soap:Envelope/soap:Body/dc:A: unknown filter 'nope' (known: "
                "required, default, trim, upper, lower, ascii, join, split, first, number, "
                "integer, string, bool, table, date)",
                "req.xml:5: /soap:Envelope/soap:Body/dc:B/@map:each: 'b' is not a JSON path: "
                "write /a/b (JSON Pointer), $root/a/b or .",
                "req.xml:5: /soap:Envelope/soap:Body/dc:B/@map:repeat: unknown mapping attribute "
                "(known: map:each, map:if)",
                "req.xml:6: /soap:Envelope/soap:Body/dc:B/dc:C/@code: table: no code table "
                "'none' (tables: sex, status)",
                "req.xml:7: /soap:Envelope/soap:Body/dc:B/dc:C: in {{ /c | date('iso', 'yyyy') "
                "| }}: expected a filter name after '|' at character 31",
            }));
}

TEST(LoadErrorsTest, XmlTemplateParseErrorAndKinds) {
  EXPECT_EQ(load_errors("<a>\n<b>\n</a>", "req.xml"),
            (Errors{"req.xml:3: (file): invalid XML: Start-end tags mismatch"}));
  EXPECT_EQ(load_errors("<a/>", "req.xml", SourceFormat::kXml),
            (Errors{"req.xml:0: (file): an XML template reads JSON: XML to XML is not supported"}));
  EXPECT_EQ(load_errors("{}", "req.yaml"),
            (Errors{"req.yaml:0: (file): a mapping file ends in .json (JSON template) or .xml "
                    "(XML template)"}));
  EXPECT_EQ(load_errors(R"(<r xmlns:map="urn:lienthong:mapping" map:each="/x"/>)", "req.xml"),
            (Errors{"req.xml:1: /r: map:each cannot repeat the root element"}));
}

TEST(LoadErrorsTest, MissingFile) {
  auto loaded = Mapping::load("/nonexistent/m.json", SourceFormat::kJson, {});
  ASSERT_FALSE(loaded);
  ASSERT_EQ(loaded.error().size(), 1u);
  EXPECT_EQ(loaded.error()[0].to_string(), "/nonexistent/m.json:0: (file): cannot read file");
}

}  // namespace
}  // namespace lienthong::mapping
