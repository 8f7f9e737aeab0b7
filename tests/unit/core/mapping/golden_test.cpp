// One test per folder in golden/: mapping.{json|xml} applied to input.{json|xml} must give
// expected.json (compared as JSON), expected.xml (compared byte for byte), or
// expected-error.txt (the error's to_string, with the mapping file written as "mapping").
// A tables/ folder next to them holds the case's code tables.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/mapping/mapping.hpp"

namespace lienthong::mapping {
namespace {

namespace fs = std::filesystem;

const fs::path kGolden = fs::path(LT_SOURCE_DIR) / "tests/unit/core/mapping/golden";

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trim_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(kGolden)) {
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesExpected) {
  const fs::path dir = kGolden / GetParam();
  const fs::path mapping_file =
      fs::exists(dir / "mapping.xml") ? dir / "mapping.xml" : dir / "mapping.json";
  const bool xml_input = fs::exists(dir / "input.xml");
  const fs::path input_file = dir / (xml_input ? "input.xml" : "input.json");
  ASSERT_TRUE(fs::exists(mapping_file)) << dir;
  ASSERT_TRUE(fs::exists(input_file)) << dir;

  auto tables = CodeTables::load_dir(dir / "tables");
  ASSERT_TRUE(tables);
  auto mapping =
      Mapping::load(mapping_file, xml_input ? SourceFormat::kXml : SourceFormat::kJson, *tables);
  ASSERT_TRUE(mapping) << mapping.error().front().to_string();
  auto out = (*mapping)->apply_text(read(input_file));

  if (fs::exists(dir / "expected-error.txt")) {
    ASSERT_FALSE(out) << "expected an error";
    auto error = out.error();
    error.file = "mapping";
    EXPECT_EQ(error.to_string(), trim_end(read(dir / "expected-error.txt")));
    return;
  }
  ASSERT_TRUE(out) << out.error().to_string();
  if (fs::exists(dir / "expected.xml")) {
    EXPECT_EQ(out->text, read(dir / "expected.xml"));
  } else {
    const auto expected = nlohmann::json::parse(read(dir / "expected.json"), nullptr, true, true);
    EXPECT_EQ(out->json, expected) << "got:\n" << out->json.dump(2);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(GoldenTest, ThereAreCases) {
  EXPECT_GE(cases().size(), 6u);
}

}  // namespace
}  // namespace lienthong::mapping
