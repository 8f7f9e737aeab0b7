#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/schema/schema.hpp"
#include "schema_test_support.hpp"

namespace lienthong::schema {
namespace {

using nlohmann::json;
using testing::load_schema;

std::shared_ptr<const Schema> citizen_lookup() {
  auto loaded = Schema::load(std::string(LT_SOURCE_DIR) +
                             "/tests/unit/core/schema/data/citizen-lookup.schema.json");
  EXPECT_TRUE(loaded);
  return loaded ? *loaded : nullptr;
}

json valid_lookup() {
  return json{{"citizenId", "001089012345"},
              {"fullName", "Nguyễn Văn An"},
              {"dateOfBirth", "1989-05-17"},
              {"phone", nullptr},
              {"purpose", "residence"},
              {"dossierCode", "000.00.01.H22-210617-0001"},
              {"children", json::array({json{{"name", "Bình"}, {"yearOfBirth", 2015}}})}};
}

TEST(SchemaValidateTest, ValidRequestPasses) {
  auto schema = citizen_lookup();
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->validate(valid_lookup()), std::vector<FieldError>{});
}

TEST(SchemaValidateTest, ReportsEveryProblemAtOnce) {
  auto schema = citizen_lookup();
  ASSERT_NE(schema, nullptr);
  const auto request = json::parse(R"({
    "citizenId": "099089012345",
    "fullName": 42,
    "phone": "12345",
    "purpose": "fun",
    "nickname": "Tí",
    "children": [
      { "yearOfBirth": 1800 },
      { "name": "", "yearOfBirth": 2000.5, "extra": 1 }
    ]
  })");
  EXPECT_EQ(schema->validate(request),
            (std::vector<FieldError>{
                {"/dateOfBirth", "is required"},
                {"/children/0/name", "is required"},
                {"/children/0/yearOfBirth", "must be at least 1900"},
                {"/children/1/extra", "unknown field"},
                {"/children/1/name", "must be at least 1 character long"},
                {"/children/1/yearOfBirth", "must be an integer"},
                {"/citizenId", "first 3 digits are not a province code"},
                {"/fullName", "must be a string"},
                {"/nickname", "unknown field"},
                {"/phone", "must be a phone number: 0 or +84 and then 9 digits"},
                {"/purpose", R"(must be one of "birth-registration", "residence", "other")"},
            }));
}

TEST(SchemaValidateTest, ReadmeExample) {
  auto schema = citizen_lookup();
  ASSERT_NE(schema, nullptr);
  const auto request = json::parse(
      R"({"citizenId": "001089012345", "fullName": 42, "dateOfBirth": "1990-05-17",
          "nickname": "Tí"})");
  EXPECT_EQ(schema->validate(request),
            (std::vector<FieldError>{
                {"/fullName", "must be a string"},
                {"/nickname", "unknown field"},
                {"/citizenId", "birth year in the ID does not match the year of dateOfBirth"}}));
}

TEST(SchemaValidateTest, NonObjectRootIsOneError) {
  auto schema = citizen_lookup();
  ASSERT_NE(schema, nullptr);
  const std::vector<FieldError> expected{{"", "must be an object"}};
  EXPECT_EQ(schema->validate(json::array({1, 2})), expected);
  EXPECT_EQ(schema->validate(json("001089012345")), expected);
  EXPECT_EQ(schema->validate(json(nullptr)), expected);
}

TEST(SchemaValidateTest, ReasonsNeverEchoTheValue) {
  auto schema = citizen_lookup();
  ASSERT_NE(schema, nullptr);
  auto request = valid_lookup();
  request["citizenId"] = "001489777777";
  request["dateOfBirth"] = "1977-02-30";
  request["phone"] = "+8477777";
  request["dossierCode"] = "777.77-771377-7777";
  request["fullName"] = std::string(101, 'Q');
  const auto errors = schema->validate(request);
  ASSERT_EQ(errors.size(), 5U);
  for (const auto& e : errors) {
    EXPECT_EQ(e.reason.find("77"), std::string::npos) << e.pointer << ": " << e.reason;
    EXPECT_EQ(e.reason.find("QQ"), std::string::npos) << e.pointer << ": " << e.reason;
  }
}

TEST(SchemaValidateTest, LengthCountsCodePointsNotBytes) {
  auto schema = load_schema("length.json", R"({"type": "string", "minLength": 3, "maxLength": 6})");
  ASSERT_NE(schema, nullptr);
  EXPECT_TRUE(schema->validate("Ánh").empty());     // 3 code points, 4 bytes
  EXPECT_TRUE(schema->validate("Nguyễn").empty());  // 6 code points, 8 bytes
  EXPECT_TRUE(schema->validate("\U0001F600\U0001F600\U0001F600").empty());  // 12 bytes
  EXPECT_EQ(schema->validate("Nguyễn Văn"),
            (std::vector<FieldError>{{"", "must be at most 6 characters long"}}));
  EXPECT_EQ(schema->validate("Ân"),
            (std::vector<FieldError>{{"", "must be at least 3 characters long"}}));
}

TEST(SchemaValidateTest, CitizenIdMustMatchBirthYear) {
  auto schema = citizen_lookup();
  ASSERT_NE(schema, nullptr);
  auto request = valid_lookup();
  request["dateOfBirth"] = "1990-05-17";
  EXPECT_EQ(schema->validate(request),
            (std::vector<FieldError>{
                {"/citizenId", "birth year in the ID does not match the year of dateOfBirth"}}));

  request["citizenId"] = "001290012345";  // born 2090: in the future, so the rule stays silent
  EXPECT_EQ(schema->validate(request),
            (std::vector<FieldError>{{"/citizenId", "birth year is in the future"}}));

  request["citizenId"] = "001190012345";  // female, 1990: matches
  EXPECT_TRUE(schema->validate(request).empty());

  request["dateOfBirth"] = "1990-02-30";  // itself invalid: one problem, one error
  EXPECT_EQ(schema->validate(request),
            (std::vector<FieldError>{{"/dateOfBirth", "must be a real calendar date"}}));
}

TEST(SchemaValidateTest, CitizenIdRuleAcceptsBareYears) {
  auto schema = load_schema("year.json", R"({
    "type": "object",
    "properties": { "id": { "type": "string" }, "yob": { "type": ["string", "integer"] } },
    "x-citizenIdMatchesBirthDate": ["id", "yob"]
  })");
  ASSERT_NE(schema, nullptr);
  const std::vector<FieldError> mismatch{
      {"/id", "birth year in the ID does not match the year of yob"}};
  EXPECT_TRUE(schema->validate(json{{"id", "001089012345"}, {"yob", "1989"}}).empty());
  EXPECT_TRUE(schema->validate(json{{"id", "001089012345"}, {"yob", 1989}}).empty());
  EXPECT_EQ(schema->validate(json{{"id", "001089012345"}, {"yob", "1990"}}), mismatch);
  EXPECT_EQ(schema->validate(json{{"id", "001089012345"}, {"yob", 1990}}), mismatch);
  EXPECT_EQ(schema->validate(json{{"id", "001289012345"}, {"yob", 1989}}),
            std::vector<FieldError>{})
      << "2089 fails check_citizen_id, which this schema does not ask for: the rule stays silent";
  EXPECT_TRUE(schema->validate(json{{"id", "001089012345"}}).empty());
  EXPECT_TRUE(schema->validate(json{{"yob", 1990}}).empty());
  EXPECT_TRUE(schema->validate(json{{"id", "001089012345"}, {"yob", "May 1990"}}).empty());
}

TEST(SchemaValidateTest, TypeReasons) {
  auto schema = load_schema("types.json", R"({
    "type": "object",
    "properties": {
      "s": { "type": "string" }, "i": { "type": "integer" }, "n": { "type": "number" },
      "b": { "type": "boolean" }, "o": { "type": "object" }, "a": { "type": "array" },
      "z": { "type": "null" }, "sn": { "type": ["null", "string"] },
      "many": { "type": ["null", "string", "integer"] }
    }
  })");
  ASSERT_NE(schema, nullptr);
  const auto errors = schema->validate(json{{"s", 1},
                                            {"i", "1"},
                                            {"n", true},
                                            {"b", "true"},
                                            {"o", json::array()},
                                            {"a", json::object()},
                                            {"z", 0},
                                            {"sn", 1},
                                            {"many", 1.5}});
  EXPECT_EQ(errors, (std::vector<FieldError>{{"/a", "must be an array"},
                                             {"/b", "must be a boolean"},
                                             {"/i", "must be an integer"},
                                             {"/many", "must be a string, an integer or null"},
                                             {"/n", "must be a number"},
                                             {"/o", "must be an object"},
                                             {"/s", "must be a string"},
                                             {"/sn", "must be a string or null"},
                                             {"/z", "must be null"}}));
  EXPECT_TRUE(schema->validate(json{{"i", 3.0}, {"n", 3}, {"sn", nullptr}, {"many", 7}}).empty());
}

TEST(SchemaValidateTest, NumberBounds) {
  auto schema = load_schema("bounds.json", R"({"type": "number", "minimum": 0.5, "maximum": 10})");
  ASSERT_NE(schema, nullptr);
  EXPECT_TRUE(schema->validate(0.5).empty());
  EXPECT_TRUE(schema->validate(10).empty());
  EXPECT_EQ(schema->validate(0.49), (std::vector<FieldError>{{"", "must be at least 0.5"}}));
  EXPECT_EQ(schema->validate(11), (std::vector<FieldError>{{"", "must be at most 10"}}));
}

TEST(SchemaValidateTest, EnumAndConst) {
  auto schema = load_schema("enum.json", R"({
    "type": "object",
    "properties": {
      "short": { "enum": ["a", 1, null] },
      "long": { "enum": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
      "fixed": { "const": "v1" }
    }
  })");
  ASSERT_NE(schema, nullptr);
  EXPECT_TRUE(schema->validate(json{{"short", nullptr}, {"long", 11}, {"fixed", "v1"}}).empty());
  EXPECT_TRUE(schema->validate(json{{"short", 1.0}}).empty());
  EXPECT_EQ(schema->validate(json{{"short", "b"}, {"long", 12}, {"fixed", "v2"}}),
            (std::vector<FieldError>{{"/fixed", R"(must be "v1")"},
                                     {"/long", "must be one of the 11 allowed values"},
                                     {"/short", R"(must be one of "a", 1, null)"}}));
}

TEST(SchemaValidateTest, Pattern) {
  auto schema = load_schema("pattern.json", R"({
    "type": "object",
    "properties": {
      "zip": { "type": "string", "pattern": "^[0-9]{6}$" },
      "contains": { "type": "string", "pattern": "H[0-9]+" },
      "bounded": { "type": "string", "maxLength": 10, "pattern": "^(a|b)*$" },
      "unbounded": { "type": "string", "pattern": "^(a|b)*$" }
    }
  })");
  ASSERT_NE(schema, nullptr);
  EXPECT_TRUE(schema->validate(json{{"zip", "100000"}, {"contains", "000.00.01.H22"}}).empty());
  EXPECT_TRUE(schema->validate(json{{"unbounded", std::string(1024, 'a')}}).empty());
  const std::string huge(100'000, 'a');  // would overflow std::regex's recursive matcher
  EXPECT_EQ(schema->validate(json{
                {"zip", "10000a"}, {"contains", "G01"}, {"bounded", huge}, {"unbounded", huge}}),
            (std::vector<FieldError>{
                {"/bounded", "must be at most 10 characters long"},
                {"/contains", "must match the pattern H[0-9]+"},
                {"/unbounded", "is too long to check against its pattern (over 1024 bytes)"},
                {"/zip", "must match the pattern ^[0-9]{6}$"}}));
}

TEST(SchemaValidateTest, ArraysAndItems) {
  auto schema = load_schema("array.json", R"({
    "type": "array", "minItems": 1, "maxItems": 2, "items": { "type": "string", "format": "date" }
  })");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->validate(json::array()),
            (std::vector<FieldError>{{"", "must have at least 1 item"}}));
  EXPECT_EQ(schema->validate(json{"2021-01-01", 5, "2021-02-30"}),
            (std::vector<FieldError>{{"", "must have at most 2 items"},
                                     {"/1", "must be a string"},
                                     {"/2", "must be a real calendar date"}}));
}

TEST(SchemaValidateTest, UnknownFieldsAndPointerEscaping) {
  auto schema = load_schema("open.json", R"({
    "type": "object",
    "additionalProperties": true,
    "properties": { "closed": { "type": "object", "properties": { "a/b": {} } } }
  })");
  ASSERT_NE(schema, nullptr);
  EXPECT_TRUE(schema->validate(json{{"anything", 1}, {"closed", {{"a/b", 1}}}}).empty());
  EXPECT_EQ(schema->validate(json{{"closed", {{"x~y", 1}, {"a/c", 2}}}}),
            (std::vector<FieldError>{{"/closed/a~1c", "unknown field"},
                                     {"/closed/x~0y", "unknown field"}}));
}

TEST(SchemaValidateTest, RequiredFieldThatIsNullIsPresent) {
  auto schema = load_schema("null.json", R"({
    "type": "object", "required": ["a"], "properties": { "a": { "type": "string" } }
  })");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->validate(json{{"a", nullptr}}),
            (std::vector<FieldError>{{"/a", "must be a string"}}));
  EXPECT_EQ(schema->validate(json::object()), (std::vector<FieldError>{{"/a", "is required"}}));
}

}  // namespace
}  // namespace lienthong::schema
