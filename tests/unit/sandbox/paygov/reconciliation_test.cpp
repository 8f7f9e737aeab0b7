#include "sandbox/paygov/reconciliation.hpp"

#include <gtest/gtest.h>

namespace lienthong::sandbox::paygov {
namespace {

std::vector<DayEntry> day() {
  return {{"A1", "PG1", 100000, "20250701093500", "00"},
          {"A2", "", 50000, "20250701094000", "01"},
          {"A3", "", 70000, "20250701094500", "02"}};
}

TEST(PaygovReconciliationTest, DropOverrideThenAdd) {
  auto plant = parse_plant(R"({"add":[{"MaThamChieu":"X9","MaGiaoDich":"PG9","SoTien":5000,
      "ThoiGianGD":"20250701120000","TrangThaiGD":"00"}],"drop":["A2"],
      "override":{"A1":{"SoTien":99000},"A3":{"TrangThaiGD":"00","MaGiaoDich":"PG3"}}})");
  ASSERT_TRUE(plant);
  const auto list = apply_plant(day(), *plant);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0], (DayEntry{"A1", "PG1", 99000, "20250701093500", "00"}));
  EXPECT_EQ(list[1], (DayEntry{"A3", "PG3", 70000, "20250701094500", "00"}));
  EXPECT_EQ(list[2], (DayEntry{"X9", "PG9", 5000, "20250701120000", "00"}));
  const auto json = to_json(*plant);
  EXPECT_EQ(json["override"]["A1"], (nlohmann::json{{"SoTien", 99000}}));
  EXPECT_EQ(json["drop"], (nlohmann::json{"A2"}));
}

TEST(PaygovReconciliationTest, EmptyBodyPlantsNothing) {
  auto plant = parse_plant("");
  ASSERT_TRUE(plant);
  EXPECT_EQ(apply_plant(day(), *plant), day());
}

TEST(PaygovReconciliationTest, RefusesWithPointers) {
  auto bad = parse_plant(R"({"add":[{"MaThamChieu":"X 9","SoTien":-1,"TrangThaiGD":"09",
      "ThoiGianGD":"2025","zz":1}],"drop":"A2","override":{"A1":{"SoTien":"1","other":1}},
      "more":1})");
  ASSERT_FALSE(bad);
  std::vector<std::string> pointers;
  for (const auto& e : bad.error()) pointers.push_back(e.pointer);
  for (const char* p : {"/add/0/MaGiaoDich", "/add/0/MaThamChieu", "/add/0/SoTien",
                        "/add/0/TrangThaiGD", "/add/0/ThoiGianGD", "/add/0/zz", "/drop",
                        "/override/A1/SoTien", "/override/A1/other", "/more"}) {
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), p), pointers.end()) << p;
  }
  EXPECT_FALSE(parse_plant("[]"));
  EXPECT_FALSE(parse_plant("{"));
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
