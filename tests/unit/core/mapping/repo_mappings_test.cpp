// The mappings shipped in mappings/ compile with this language and map their examples.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/mapping/mapping.hpp"

namespace lienthong::mapping {
namespace {

namespace fs = std::filesystem;

const fs::path kMappings = fs::path(LT_SOURCE_DIR) / "mappings";

std::shared_ptr<const Mapping> load(const std::string& connector, const std::string& file,
                                    SourceFormat source) {
  auto tables = CodeTables::load_dir(kMappings / connector / "tables");
  EXPECT_TRUE(tables);
  if (!tables) return nullptr;
  auto loaded = Mapping::load(kMappings / connector / file, source, *tables);
  if (!loaded) {
    for (const auto& e : loaded.error()) ADD_FAILURE() << e.to_string();
    return nullptr;
  }
  return *loaded;
}

nlohmann::json example(const std::string& connector, const std::string& file) {
  std::ifstream in(kMappings / connector / file);
  std::ostringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false, true);
  json["_hub"] = {{"messageId", "m-1"}, {"client", "c-1"}, {"correlationId", "x"}};
  return json;
}

TEST(RepoMappingsTest, DkdnLoadsAndMapsItsExample) {
  auto request = load("dkdn", "lookup-enterprise.request.json", SourceFormat::kJson);
  ASSERT_NE(request, nullptr);
  auto out = request->apply(example("dkdn", "lookup-enterprise.example.json"));
  ASSERT_TRUE(out) << out.error().to_string();
  EXPECT_TRUE(out->json.contains("msdn"));
  EXPECT_NE(load("dkdn", "lookup-enterprise.response.json", SourceFormat::kJson), nullptr);
}

TEST(RepoMappingsTest, DancuLoadsAndMapsItsExample) {
  auto request = load("dancu", "lookup-citizen.request.xml", SourceFormat::kJson);
  ASSERT_NE(request, nullptr);
  auto out = request->apply(example("dancu", "lookup-citizen.example.json"));
  ASSERT_TRUE(out) << out.error().to_string();
  EXPECT_NE(out->text.find("<dc:MaYeuCau>m-1</dc:MaYeuCau>"), std::string::npos) << out->text;
  EXPECT_NE(load("dancu", "lookup-citizen.response.json", SourceFormat::kXml), nullptr);
}

}  // namespace
}  // namespace lienthong::mapping
