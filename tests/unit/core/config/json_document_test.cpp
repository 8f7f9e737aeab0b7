#include "core/config/json_document.hpp"

#include <gtest/gtest.h>

namespace lienthong::config {
namespace {

TEST(JsonDocument, RemembersTheLineOfEveryKeyAndArrayItem) {
  auto doc = JsonDocument::parse(
      "// comment line\n"
      "{\n"
      "  \"a\": 1,\n"
      "  \"b\": {\n"
      "    \"c/d\": [\n"
      "      true,\n"
      "      {\"e\": null}\n"
      "    ]\n"
      "  }\n"
      "}\n",
      "x.json");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->line_of("/a"), 3);
  EXPECT_EQ(doc->line_of("/b"), 4);
  EXPECT_EQ(doc->line_of("/b/c~1d"), 5);
  EXPECT_EQ(doc->line_of("/b/c~1d/0"), 6);
  EXPECT_EQ(doc->line_of("/b/c~1d/1/e"), 7);
  EXPECT_EQ(doc->line_of("/b/missing"), 4) << "falls back to the nearest located ancestor";
}

TEST(JsonDocument, LocatesSyntaxErrors) {
  auto doc = JsonDocument::parse("{\n  \"a\": 1,\n  \"b\" 2\n}\n", "bad.json");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().file, "bad.json");
  EXPECT_EQ(doc.error().line, 3);
  EXPECT_NE(doc.error().reason.find("invalid JSON"), std::string::npos) << doc.error().reason;
}

TEST(JsonDocument, ErrorAtWritesDottedKeyPath) {
  auto doc = JsonDocument::parse("{\n \"ops\": {\n  \"lookup-x\": {\"path\": 1}\n }\n}", "c.json");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->error_at("/ops/lookup-x/path", "must be a string").to_string(),
            "c.json:3: ops.lookup-x.path: must be a string");
}

TEST(JsonDocument, MissingFileIsAnError) {
  auto doc = JsonDocument::load("/nonexistent/file.json");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().reason, "cannot read file");
}

TEST(Dotted, UnescapesPointerTokens) {
  EXPECT_EQ(dotted("/a/b~1c/d~0e"), "a.b/c.d~e");
  EXPECT_EQ(dotted(""), "");
  EXPECT_EQ(escape_pointer_token("a/b~c"), "a~1b~0c");
}

}  // namespace
}  // namespace lienthong::config
