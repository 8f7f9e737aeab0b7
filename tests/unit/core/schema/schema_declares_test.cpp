#include <gtest/gtest.h>

#include "core/schema/schema.hpp"
#include "schema_test_support.hpp"

namespace lienthong::schema {
namespace {

TEST(SchemaDeclaresTest, NamesDeclaredPathsOnly) {
  auto schema = testing::load_schema("declares.json", R"({
    "type": "object",
    "properties": {
      "citizenId": { "type": "string" },
      "address": { "type": "object", "properties": { "city": {} } },
      "items": { "type": "array", "items": { "type": "object", "properties": { "code": {} } } },
      "tags": { "type": "array" },
      "a/b~c": {}
    }
  })");
  ASSERT_NE(schema, nullptr);
  EXPECT_TRUE(schema->declares(""));
  EXPECT_TRUE(schema->declares("/citizenId"));
  EXPECT_TRUE(schema->declares("/address"));
  EXPECT_TRUE(schema->declares("/address/city"));
  EXPECT_TRUE(schema->declares("/items"));
  EXPECT_TRUE(schema->declares("/items/0"));
  EXPECT_TRUE(schema->declares("/items/0/code"));
  EXPECT_TRUE(schema->declares("/items/12/code"));
  EXPECT_TRUE(schema->declares("/items/-/code"));
  EXPECT_TRUE(schema->declares("/a~1b~0c"));

  EXPECT_FALSE(schema->declares("/unknown"));
  EXPECT_FALSE(schema->declares("/citizenId/0"));
  EXPECT_FALSE(schema->declares("/address/street"));
  EXPECT_FALSE(schema->declares("/items/x/code"));
  EXPECT_FALSE(schema->declares("/items/01/code"));
  EXPECT_FALSE(schema->declares("/items/0/name"));
  EXPECT_FALSE(schema->declares("/tags/0"));  // no items schema: elements are not declared
  EXPECT_FALSE(schema->declares("/a/b~c"));
  EXPECT_FALSE(schema->declares("citizenId"));
  EXPECT_FALSE(schema->declares("/"));
  EXPECT_FALSE(schema->declares("/citizenId/"));
}

}  // namespace
}  // namespace lienthong::schema
