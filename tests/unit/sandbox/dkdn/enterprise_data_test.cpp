// Invariants of the committed scenario data, sandbox/data/enterprises.json.
#include <gtest/gtest.h>

#include "core/schema/vn_identifiers.hpp"
#include "sandbox/dancu/citizen_registry.hpp"
#include "sandbox/dkdn/enterprise_registry.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::dkdn {
namespace {

EnterpriseRegistry load() {
  auto loaded = EnterpriseRegistry::load(test_support::data_dir() / "enterprises.json");
  if (!loaded) {
    std::string text;
    for (const auto& e : loaded.error()) text += e.to_string() + "\n";
    throw std::runtime_error(text);
  }
  return std::move(loaded).value();
}

std::string status_of(const nlohmann::json& record) {
  return record["TinhTrangPhapLy"][0]["MaTinhTrangPhapLy"].get<std::string>();
}

TEST(EnterpriseDataTest, EveryCodeIsValid) {
  const auto registry = load();
  EXPECT_GE(registry.records().size(), 20u);
  for (const auto& r : registry.records()) {
    const auto code = r["MaSoDoanhNghiep"].get<std::string>();
    EXPECT_FALSE(schema::check_tax_code(code)) << code;
    if (const auto dash = code.find('-'); dash != std::string::npos) {
      EXPECT_NE(registry.find(code.substr(0, dash)), nullptr) << code << " has no head office";
    }
  }
}

TEST(EnterpriseDataTest, HoldsTheMainScenarioRecord) {
  const auto registry = load();
  const auto* main = registry.find("0100109106");
  ASSERT_NE(main, nullptr);
  EXPECT_EQ(status_of(*main), "01");
  EXPECT_GE((*main)["NganhNgheKinhDoanh"].size(), 2u);
  EXPECT_EQ((*main)["DaiDienPhapLuat"].size(), 1u);
  EXPECT_NE((*main)["TenTiengViet"].get<std::string>().find("VIỄN THÔNG"), std::string::npos);
  for (const char* branch : {"0100109106-001", "0100109106-002"}) {
    const auto* b = registry.find(branch);
    ASSERT_NE(b, nullptr) << branch;
    EXPECT_EQ((*b)["MaSoDoanhNghiep"], branch);
  }
}

TEST(EnterpriseDataTest, CoversTheScenariosTestersNeed) {
  const auto registry = load();
  int suspended = 0, dissolved = 0, branches = 0, foreign = 0;
  for (const auto& r : registry.records()) {
    suspended += status_of(r) == "02";
    dissolved += status_of(r) == "03";
    branches += r["MaSoDoanhNghiep"].get<std::string>().find('-') != std::string::npos;
    foreign += r["TenNuocNgoai"].is_string();
  }
  EXPECT_GE(suspended, 3);
  EXPECT_GE(dissolved, 1);
  EXPECT_GE(branches, 3);
  EXPECT_GE(foreign, 3);
}

TEST(EnterpriseDataTest, ScenarioCodesOutsideTheData) {
  const auto registry = load();
  EXPECT_FALSE(schema::check_tax_code("0100100008"));  // valid, unknown
  EXPECT_EQ(registry.find("0100100008"), nullptr);
  EXPECT_TRUE(schema::check_tax_code("0100109107"));  // wrong check digit
}

TEST(EnterpriseDataTest, RepresentativesWithAnIdAreCitizensOnRecord) {
  const auto registry = load();
  auto citizens = dancu::CitizenRegistry::load(test_support::data_dir() / "citizens.json");
  ASSERT_TRUE(citizens);
  for (const auto& r : registry.records()) {
    for (const auto& p : r["DaiDienPhapLuat"]) {
      if (p["LoaiGiayTo"] != "CCCD") continue;
      const auto* c = citizens->find(p["SoGiayTo"].get<std::string>());
      ASSERT_NE(c, nullptr) << p.dump();
      EXPECT_EQ(c->ho_va_ten(), p["HoTen"].get<std::string>());
    }
  }
}

}  // namespace
}  // namespace lienthong::sandbox::dkdn
