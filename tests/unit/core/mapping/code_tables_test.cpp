#include "core/mapping/code_tables.hpp"

#include <gtest/gtest.h>

#include "core/mapping/mapping.hpp"

namespace lienthong::mapping {
namespace {

const std::string kData = std::string(LT_SOURCE_DIR) + "/tests/unit/core/mapping/data/";

TEST(CodeTablesTest, LoadsEveryJsonFileByItsStem) {
  auto tables = CodeTables::load_dir(kData + "tables-good");
  ASSERT_TRUE(tables);
  EXPECT_EQ(tables->names(), (std::vector<std::string>{"legal-status", "sex"}));
  EXPECT_TRUE(tables->has("sex"));
  EXPECT_FALSE(tables->has("README"));
  ASSERT_NE(tables->find("sex", "2"), nullptr);
  EXPECT_EQ(*tables->find("sex", "2"), "female");
  EXPECT_EQ(*tables->find("legal-status", "02"), 2);
  EXPECT_EQ(*tables->find("legal-status", "03"), true);
  EXPECT_EQ(tables->find("sex", "9"), nullptr);
  EXPECT_EQ(tables->find("nope", "1"), nullptr);
  ASSERT_NE(tables->table("sex"), nullptr);
  EXPECT_EQ(tables->table("sex")->size(), 3u);
}

TEST(CodeTablesTest, MissingDirectoryGivesNoTables) {
  auto tables = CodeTables::load_dir(kData + "no-such-dir");
  ASSERT_TRUE(tables);
  EXPECT_TRUE(tables->names().empty());
}

TEST(CodeTablesTest, ErrorsAreLocated) {
  auto tables = CodeTables::load_dir(kData + "tables-bad");
  ASSERT_FALSE(tables);
  std::vector<std::string> errors;
  for (const auto& e : tables.error()) errors.push_back(e.to_string());
  EXPECT_EQ(
      errors,
      (std::vector<std::string>{
          kData + "tables-bad/a.json:3: 02: a code's value must be text, a number or a boolean",
          kData + "tables-bad/a.json:4: 03: a code's value must be text, a number or a boolean",
          kData + "tables-bad/b.json:1: (file): a code table is an object from code to value",
          kData + "tables-bad/c.json:2: (file): invalid JSON: parse error at line 2, column 1: "
                  "syntax error while parsing value - unexpected end of input; expected '[', "
                  "'{', or a literal",
      }));
}

TEST(CodeTablesTest, MappingKeepsItsOwnCopyOfTheTable) {
  std::shared_ptr<const Mapping> mapping;
  {
    CodeTables tables;
    tables.add("sex", {{"1", "male"}});
    auto loaded = Mapping::parse(R"({"output": {"v": "{{ /s | table('sex') }}"}})", "m.json",
                                 SourceFormat::kJson, tables);
    ASSERT_TRUE(loaded);
    mapping = *loaded;
  }
  auto out = mapping->apply({{"s", "1"}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->json, nlohmann::json({{"v", "male"}}));
}

}  // namespace
}  // namespace lienthong::mapping
