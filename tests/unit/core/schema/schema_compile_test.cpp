#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/schema/schema.hpp"
#include "schema_test_support.hpp"

namespace lienthong::schema {
namespace {

using testing::compile_errors;
using testing::load_schema;
using testing::write_schema_file;

TEST(SchemaCompileTest, LoadsTheDocumentedExample) {
  auto loaded = Schema::load(std::string(LT_SOURCE_DIR) +
                             "/tests/unit/core/schema/data/citizen-lookup.schema.json");
  ASSERT_TRUE(loaded);
  ASSERT_NE(*loaded, nullptr);
}

TEST(SchemaCompileTest, AcceptsEveryKeyword) {
  auto schema = load_schema("every-keyword.json", R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:lienthong:test",
    "$comment": "comments allowed", // and JSON comments too
    "title": "t", "description": "d", "examples": [{}],
    "type": "object",
    "required": ["a"],
    "additionalProperties": false,
    "properties": {
      "a": { "type": "string", "minLength": 1, "maxLength": 5, "pattern": "^[A-Z]+$" },
      "b": { "type": ["integer", "null"], "minimum": 0, "maximum": 10 },
      "c": { "type": "array", "minItems": 1, "maxItems": 3, "items": { "format": "date" } },
      "d": { "enum": [1, "x", null] },
      "e": { "const": "fixed" },
      "id": { "type": "string", "format": "vn-citizen-id" },
      "dob": { "type": "string", "format": "date" }
    },
    "x-citizenIdMatchesBirthDate": ["id", "dob"]
  })");
  EXPECT_NE(schema, nullptr);
}

TEST(SchemaCompileTest, UnknownKeywordIsLocated) {
  const auto path = write_schema_file("unknown-keyword.json", R"({
  "type": "object",
  "properties": {
    "fullName": {
      "type": "string",
      "minLenght": 2
    }
  }
})");
  EXPECT_EQ(compile_errors(path),
            std::vector<std::string>{
                path.string() +
                ":6: properties.fullName.minLenght: unknown keyword (see core/schema/README.md)"});
}

TEST(SchemaCompileTest, ReportsEveryErrorAtOnce) {
  const auto path = write_schema_file("many-errors.json", R"({
  "type": "object",
  "default": {},
  "properties": {
    "a": { "type": "text" },
    "b": { "type": "string", "pattern": "([a-z" },
    "c": { "type": "string", "format": "uri" },
    "d": { "type": "string", "minLength": -1 },
    "e": { "type": "array", "items": [{ "type": "string" }] },
    "f": { "type": ["string", "string"] },
    "g": true
  },
  "additionalProperties": { "type": "string" },
  "required": ["a", 7, "a"]
})");
  const auto errors = compile_errors(path);
  const auto at = [&](const std::string& rest) { return path.string() + ":" + rest; };
  ASSERT_EQ(errors.size(), 11U);
  EXPECT_EQ(errors[0], at("13: additionalProperties: must be true or false (schemas for additional "
                          "properties are not supported)"));
  EXPECT_EQ(errors[1], at("3: default: unknown keyword (see core/schema/README.md)"));
  EXPECT_EQ(errors[2],
            at("5: properties.a.type: must be one of string, integer, number, boolean, object, "
               "array, null"));
  EXPECT_THAT(errors[3],
              ::testing::StartsWith(at("6: properties.b.pattern: is not a valid ECMAScript "
                                       "regular expression: ")));
  EXPECT_EQ(errors[4],
            at("7: properties.c.format: must be one of date, date-time, email, vn-phone, "
               "vn-citizen-id, vn-old-id-card, vn-tax-code, vn-dossier-code, "
               "vn-procedure-code"));
  EXPECT_EQ(errors[5], at("8: properties.d.minLength: must be a non-negative integer"));
  EXPECT_EQ(errors[6], at("9: properties.e.items: must be one schema object (the list form is not "
                          "supported)"));
  EXPECT_EQ(errors[7], at("10: properties.f.type.1: is listed twice"));
  EXPECT_EQ(errors[8], at("11: properties.g: must be a schema object"));
  EXPECT_EQ(errors[9], at("14: required.1: must be a property name (a string)"));
  EXPECT_EQ(errors[10], at("14: required.2: is listed twice"));
}

TEST(SchemaCompileTest, RequiredNamesAreChecked) {
  const auto path = write_schema_file("required.json", R"({
  "type": "object",
  "properties": { "a": {} },
  "required": ["a", "a", "b"]
})");
  EXPECT_EQ(
      compile_errors(path),
      (std::vector<std::string>{
          path.string() + ":4: required.1: is listed twice",
          path.string() + ":4: required.2: names a property that properties does not declare, and "
                          "additionalProperties is false"}));
}

TEST(SchemaCompileTest, RequiredMayNameUndeclaredWhenAdditionalAllowed) {
  EXPECT_NE(load_schema("required-open.json", R"({
    "type": "object", "additionalProperties": true, "required": ["anything"]
  })"),
            nullptr);
}

TEST(SchemaCompileTest, KeywordsForExcludedTypesAreMistakes) {
  const auto path = write_schema_file("applies.json", R"({
  "type": "string",
  "minimum": 1,
  "items": {},
  "properties": {},
  "format": "date"
})");
  EXPECT_EQ(compile_errors(path),
            (std::vector<std::string>{
                path.string() + ":4: items: has no effect: type does not allow arrays",
                path.string() + ":3: minimum: has no effect: type does not allow numbers",
                path.string() + ":5: properties: has no effect: type does not allow objects"}));
}

TEST(SchemaCompileTest, BoundsMustBeOrdered) {
  const auto path = write_schema_file("bounds.json", R"({
  "properties": {
    "s": { "minLength": 5, "maxLength": 4 },
    "n": { "minimum": 2.5, "maximum": 2 },
    "a": { "minItems": 3, "maxItems": 1 }
  },
  "additionalProperties": true
})");
  EXPECT_EQ(compile_errors(path),
            (std::vector<std::string>{
                path.string() + ":5: properties.a.maxItems: is less than minItems",
                path.string() + ":4: properties.n.maximum: is less than minimum",
                path.string() + ":3: properties.s.maxLength: is less than minLength"}));
}

TEST(SchemaCompileTest, CrossFieldRuleMustNameDeclaredProperties) {
  const auto path = write_schema_file("cross.json", R"({
  "type": "object",
  "properties": {
    "citizenId": { "type": "string" },
    "inner": { "type": "object", "x-citizenIdMatchesBirthDate": ["citizenId"] }
  },
  "x-citizenIdMatchesBirthDate": ["citizenId", "dob"]
})");
  EXPECT_EQ(compile_errors(path),
            (std::vector<std::string>{
                path.string() +
                    ":5: properties.inner.x-citizenIdMatchesBirthDate: must name two properties, "
                    R"(e.g. ["citizenId", "dateOfBirth"])",
                path.string() +
                    ":7: x-citizenIdMatchesBirthDate.1: names a property that properties does "
                    "not declare"}));
}

TEST(SchemaCompileTest, EnumMustBeANonEmptyList) {
  const auto path = write_schema_file("enum.json", R"({"enum": []})");
  EXPECT_EQ(
      compile_errors(path),
      std::vector<std::string>{path.string() + ":1: enum: must be a non-empty list of values"});
}

TEST(SchemaCompileTest, RootMustBeAnObject) {
  const auto path = write_schema_file("root.json", "[\n]\n");
  EXPECT_EQ(compile_errors(path),
            std::vector<std::string>{path.string() + ":1: (file): must be a schema object"});
}

TEST(SchemaCompileTest, InvalidJsonIsLocated) {
  const auto path = write_schema_file("broken.json", "{\n  \"type\": \"object\",\n}\n");
  const auto errors = compile_errors(path);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_THAT(errors[0], ::testing::StartsWith(path.string() + ":3: (file): invalid JSON: "));
}

TEST(SchemaCompileTest, MissingFile) {
  const auto path = write_schema_file("exists.json", "{}").parent_path() / "missing.json";
  EXPECT_EQ(compile_errors(path),
            std::vector<std::string>{path.string() + ":0: (file): cannot read file"});
}

}  // namespace
}  // namespace lienthong::schema
