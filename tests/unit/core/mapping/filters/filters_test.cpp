#include "core/mapping/filters/filters.hpp"

#include <gtest/gtest.h>

#include "tests/unit/core/mapping/mapping_test_support.hpp"

namespace lienthong::mapping {
namespace {

using nlohmann::json;
using testing::eval;

const json kInput = {{"name", "  Nguyễn Văn An  "},
                     {"word", "đường"},
                     {"code", "01"},
                     {"num", 42},
                     {"text_num", " 12.5 "},
                     {"text_int", "0123"},
                     {"empty", ""},
                     {"flag", "TRUE"},
                     {"zero", "0"},
                     {"tags", "a, b,,c "},
                     {"parts", {"x", nullptr, "", "y", 3}},
                     {"obj", {{"k", 1}}},
                     {"nothing", nullptr}};

json value(std::string_view expression, const json& input = kInput) {
  auto out = eval(expression, input);
  EXPECT_TRUE(out) << expression << ": " << (out ? "" : out.error().to_string());
  return out ? *out : json("<error>");
}

std::string eval_error(std::string_view expression) {
  return testing::eval_error(expression, kInput);
}

CodeTables sex_table() {
  CodeTables tables;
  tables.add("sex", {{"1", "male"}, {"2", "female"}, {"0", "unknown"}});
  return tables;
}

TEST(FiltersTest, RequiredPassesPresentValues) {
  EXPECT_EQ(value("{{ /code | required }}"), "01");
  EXPECT_EQ(value("{{ /empty | required }}"), "");  // empty text is a value
}

TEST(FiltersTest, RequiredRefusesAbsentAndNull) {
  for (const char* path : {"/missing", "/nothing"}) {
    auto out = eval(std::string("{{ ") + path + " | required }}", kInput);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, MappingError::Kind::kRequiredMissing);
    EXPECT_EQ(out.error().file, "m.json");
    EXPECT_EQ(out.error().rule, "/v");
    EXPECT_EQ(out.error().input_path, path);
    EXPECT_EQ(out.error().reason, "required value is missing");
    EXPECT_EQ(out.error().to_string(),
              std::string("m.json: rule /v: input ") + path + ": required value is missing");
  }
}

TEST(FiltersTest, DefaultFillsOnlyAbsent) {
  EXPECT_EQ(value("{{ /missing | default('x') }}"), "x");
  EXPECT_EQ(value("{{ /nothing | default(7) }}"), 7);
  EXPECT_EQ(value("{{ /missing | default(false) }}"), false);
  EXPECT_EQ(value("{{ /code | default('x') }}"), "01");
  EXPECT_EQ(value("{{ /empty | default('x') }}"), "");
}

TEST(FiltersTest, AbsentPassesThroughOtherFilters) {
  for (const char* f : {"trim", "upper", "lower", "ascii", "number", "integer", "string", "bool",
                        "join(',')", "split(',')", "first", "date('iso', 'yyyyMMdd')"}) {
    EXPECT_EQ(value(std::string("{{ /missing | ") + f + " }}"), json()) << f;
  }
}

TEST(FiltersTest, Trim) {
  EXPECT_EQ(value("{{ /name | trim }}"), "Nguyễn Văn An");
  EXPECT_EQ(value("{{ /num | trim }}"), "42");
  EXPECT_EQ(eval_error("{{ /obj | trim }}"), "trim: trim expects text, got an object");
}

TEST(FiltersTest, UpperAndLowerKnowVietnamese) {
  EXPECT_EQ(value("{{ /word | upper }}"), "ĐƯỜNG");
  EXPECT_EQ(value("{{ 'ĐẶNG THỊ ỨT' | lower }}"), "đặng thị ứt");
  EXPECT_EQ(value("{{ /name | trim | upper }}"), "NGUYỄN VĂN AN");
}

TEST(FiltersTest, Ascii) {
  EXPECT_EQ(value("{{ /name | trim | ascii }}"), "Nguyen Van An");
  EXPECT_EQ(value("{{ /word | ascii | upper }}"), "DUONG");
}

TEST(FiltersTest, JoinSkipsAbsentAndEmptyParts) {
  EXPECT_EQ(value("{{ [/code, /missing, /empty, 'x', /num] | join('-') }}"), "01-x-42");
  EXPECT_EQ(value("{{ /parts | join('+') }}"), "x+y+3");
  EXPECT_EQ(value("{{ [/missing, /nothing] | join(' ') }}"), json());
  EXPECT_EQ(value("{{ /code | join(' ') }}"), "01");
  EXPECT_EQ(eval_error("{{ [/obj] | join(' ') }}"), "join: join cannot put an object into text");
}

TEST(FiltersTest, First) {
  EXPECT_EQ(value("{{ [/missing, /empty, /code, 'x'] | first }}"), "01");
  EXPECT_EQ(value("{{ [/missing] | first }}"), json());
}

TEST(FiltersTest, SplitTrimsAndDropsEmptyParts) {
  EXPECT_EQ(value("{{ /tags | split(',') }}"), json({"a", "b", "c"}));
  EXPECT_EQ(value("{{ /empty | split(',') }}"), json::array());
  EXPECT_EQ(eval_error("{{ /num | split(',') }}"), "split: split expects text, got a number");
}

TEST(FiltersTest, Number) {
  EXPECT_EQ(value("{{ /text_num | number }}"), 12.5);
  EXPECT_EQ(value("{{ /text_int | number }}"), 123);
  EXPECT_TRUE(value("{{ /text_int | number }}").is_number_integer());
  EXPECT_EQ(value("{{ /num | number }}"), 42);
  EXPECT_EQ(value("{{ /empty | number }}"), json());
  EXPECT_EQ(eval_error("{{ /name | number }}"), "number: '  Nguyễn Văn An  ' is not a number");
  EXPECT_EQ(eval_error("{{ '1,000' | number }}"), "number: '1,000' is not a number");
}

TEST(FiltersTest, Integer) {
  EXPECT_EQ(value("{{ /text_int | integer }}"), 123);
  EXPECT_EQ(value("{{ '12.0' | integer }}"), 12);
  EXPECT_EQ(eval_error("{{ /text_num | integer }}"), "integer: 12.5 is not a whole number");
  EXPECT_EQ(eval_error("{{ 'abc' | integer }}"), "integer: 'abc' is not a number");
}

TEST(FiltersTest, String) {
  EXPECT_EQ(value("{{ /num | string }}"), "42");
  EXPECT_EQ(value("{{ /code | string }}"), "01");
  EXPECT_EQ(value("{{ /flag | bool | string }}"), "true");
}

TEST(FiltersTest, StringRefusesObjects) {
  EXPECT_EQ(eval_error("{{ /obj | string }}"), "string: cannot write an object as text");
}

TEST(FiltersTest, Bool) {
  EXPECT_EQ(value("{{ /flag | bool }}"), true);
  EXPECT_EQ(value("{{ /zero | bool }}"), false);
  EXPECT_EQ(value("{{ 1 | bool }}"), true);
  EXPECT_EQ(value("{{ 'false' | bool }}"), false);
  EXPECT_EQ(value("{{ /empty | bool }}"), json());
  EXPECT_EQ(eval_error("{{ /code | bool }}"), "bool: '01' is not true, false, 1 or 0");
  EXPECT_EQ(eval_error("{{ /num | bool }}"), "bool: 42 is not true, false, 1 or 0");
}

TEST(FiltersTest, TableLooksUpCodes) {
  const auto tables = sex_table();
  EXPECT_EQ(*eval("{{ '2' | table('sex') }}", kInput, tables), "female");
  EXPECT_EQ(*eval("{{ 1 | table('sex') }}", kInput, tables), "male");
}

TEST(FiltersTest, TableRefusesUnknownCodes) {
  auto out = eval("{{ /code | table('sex') }}", kInput, sex_table());
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, MappingError::Kind::kBadValue);
  EXPECT_EQ(out.error().to_string(),
            "m.json: rule /v: input /code: table: code '01' is not in table 'sex'");
}

TEST(FiltersTest, TableFallbackOnlyWhenExplicit) {
  EXPECT_EQ(*eval("{{ /code | table('sex', 'unknown') }}", kInput, sex_table()), "unknown");
}

TEST(FiltersTest, DateConverts) {
  EXPECT_EQ(value("{{ '17/05/1989' | date('dd/MM/yyyy', 'iso') }}"), "1989-05-17");
  EXPECT_EQ(value("{{ 19890517 | date('yyyyMMdd', 'dd/MM/yyyy') }}"), "17/05/1989");
  EXPECT_EQ(value("{{ /empty | date('iso', 'yyyyMMdd') }}"), json());
  auto out = eval("{{ '31/02/2020' | date('dd/MM/yyyy', 'iso') }}", kInput);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, MappingError::Kind::kBadValue);
  EXPECT_EQ(out.error().reason, "date: '31/02/2020': no such date");
}

TEST(FiltersTest, FiltersChainLeftToRight) {
  EXPECT_EQ(value("{{ /missing | default(' x ') | trim | upper }}"), "X");
}

TEST(FiltersTest, CompileChecksArguments) {
  CodeTables tables;
  detail::FilterSyntax syntax{"date", {"iso"}};
  auto f = detail::compile_filter(syntax, tables);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error(), "filter date takes 2 arguments, got 1");
  syntax = {"table", {"sex", "a", "b"}};
  EXPECT_EQ(detail::compile_filter(syntax, tables).error(),
            "filter table takes 1 or 2 arguments, got 3");
  syntax = {"join", {1}};
  EXPECT_EQ(detail::compile_filter(syntax, tables).error(),
            "filter join takes quoted text arguments");
  syntax = {"date", {"yyyy", "iso"}};
  EXPECT_EQ(detail::compile_filter(syntax, tables).error(),
            "date: a year alone (yyyy) cannot become iso");
}

}  // namespace
}  // namespace lienthong::mapping
