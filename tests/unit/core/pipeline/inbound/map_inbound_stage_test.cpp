// The shipped dvcqg status-callback mapping (mappings/dvcqg/inbound/): golden example, each of
// the ten portal states, and an unknown state refused with a pointer, never defaulted.
#include "core/pipeline/inbound/map_inbound_stage.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace lienthong::pipeline {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const fs::path kDvcqg = fs::path(LT_SOURCE_DIR) / "mappings/dvcqg";
const fs::path kGolden = fs::path(LT_SOURCE_DIR) / "tests/unit/core/pipeline/inbound/golden";

Json read_json(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return Json::parse(text.str(), nullptr, false, true);
}

class StatusCallbackMapping : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tables = mapping::CodeTables::load_dir(kDvcqg / "tables");
    ASSERT_TRUE(tables);
    auto loaded = mapping::Mapping::load(kDvcqg / "inbound/status-callback.mapping.json",
                                         mapping::SourceFormat::kJson, *tables);
    ASSERT_TRUE(loaded) << loaded.error().front().to_string();
    mapping_ = *loaded;
    auto canonical = schema::Schema::load(kDvcqg / "inbound/status-callback.canonical.schema.json");
    ASSERT_TRUE(canonical) << canonical.error().front().to_string();
    canonical_ = *canonical;
  }
  Result<Json> map(const Json& callback) const {
    return map_inbound(*mapping_, *canonical_, callback, "dvcqg/inbound/status-callback");
  }
  static Json callback(const std::string& state) {
    return {{"MaHoSo", "000.00.01.H22-261201-0009"}, {"TrangThai", state}};
  }

  std::shared_ptr<const mapping::Mapping> mapping_;
  std::shared_ptr<const schema::Schema> canonical_;
};

TEST_F(StatusCallbackMapping, MapsTheExampleToTheGoldenMessage) {
  auto out = map(read_json(kGolden / "dvcqg-status-callback/input.json"));
  ASSERT_TRUE(out) << out.error().detail;
  EXPECT_EQ(*out, read_json(kGolden / "dvcqg-status-callback/expected.json"));
}

TEST_F(StatusCallbackMapping, MapsEachOfTheTenPortalStatesToItsCode) {
  // ../shared/domain/EXTERNAL-SYSTEMS.md, dvcqg: the portal's string states.
  const std::pair<const char*, int> states[] = {
      {"receiving", 1}, {"new", 2},       {"denied", 3},     {"processing", 4}, {"waiting", 5},
      {"paying", 6},    {"cancelled", 7}, {"unresolved", 8}, {"releasing", 9},  {"done", 10}};
  for (const auto& [state, code] : states) {
    auto out = map(callback(state));
    ASSERT_TRUE(out) << state << ": " << out.error().detail;
    EXPECT_EQ((*out)["status"], code) << state;
    EXPECT_EQ((*out)["state"], state);
    EXPECT_EQ((*out)["dossierCode"], "000.00.01.H22-261201-0009");
    EXPECT_FALSE(out->contains("changedAt")) << "absent in, absent out";
  }
}

TEST_F(StatusCallbackMapping, AnUnknownStateIsRefusedWithAPointerNeverDefaulted) {
  for (const char* state : {"archived", "Processing", "4", " done", "DONE"}) {
    auto out = map(callback(state));
    ASSERT_FALSE(out) << state << " mapped to " << out->dump();
    EXPECT_EQ(out.error().kind, ProblemKind::kInvalid) << state;
    ASSERT_EQ(out.error().errors.size(), 1u);
    EXPECT_EQ(out.error().errors[0].pointer, "/TrangThai");
    EXPECT_NE(out.error().errors[0].reason.find("portal-state"), std::string::npos)
        << out.error().errors[0].reason;
  }
}

TEST_F(StatusCallbackMapping, AMissingStateIsRefused) {
  auto out = map(Json{{"MaHoSo", "000.00.01.H22-261201-0009"}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, ProblemKind::kInvalid);
  EXPECT_EQ(out.error().errors.at(0).pointer, "/TrangThai");
}

TEST_F(StatusCallbackMapping, AnOutputThatBreaksTheCanonicalSchemaIsTheHubsFault) {
  // A dossier code the callback schema would have refused first: here the mapping's output
  // check is what stops it, as a 500 (a hub bug), never a message pushed as is.
  auto bad = callback("done");
  bad["MaHoSo"] = "not-a-dossier-code";
  auto out = map(bad);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().kind, ProblemKind::kInternal);
}

}  // namespace
}  // namespace lienthong::pipeline
