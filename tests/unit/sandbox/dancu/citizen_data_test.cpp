// Invariants of the committed scenario data, sandbox/data/citizens.json.
#include <gtest/gtest.h>

#include <set>

#include "core/schema/vn_identifiers.hpp"
#include "sandbox/dancu/birth_date.hpp"
#include "sandbox/dancu/citizen_registry.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::dancu {
namespace {

class CitizenDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = CitizenRegistry::load(test_support::data_dir() / "citizens.json");
    if (!loaded) {
      for (const auto& e : loaded.error()) ADD_FAILURE() << e.to_string();
      return;
    }
    registry_ = new CitizenRegistry(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete registry_;
    registry_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(registry_, nullptr); }

  static const std::vector<Citizen>& all() { return registry_->citizens(); }
  static CitizenRegistry* registry_;
};
CitizenRegistry* CitizenDataTest::registry_ = nullptr;

bool two_level(const Citizen& c) {
  return !c.noi_dang_ky_khai_sinh.ma_quan_huyen && !c.que_quan.ma_quan_huyen &&
         !c.thuong_tru.ma_quan_huyen && !c.noi_o_hien_tai.ma_quan_huyen;
}

TEST_F(CitizenDataTest, EveryIdIsValidAndAgreesWithTheRecord) {
  EXPECT_GE(all().size(), 50u);
  for (const auto& c : all()) {
    SCOPED_TRACE(c.so_dinh_danh);
    ASSERT_FALSE(schema::check_citizen_id(c.so_dinh_danh));
    EXPECT_FALSE(schema::province_name(c.so_dinh_danh.substr(0, 3)).empty());
    const auto facts = schema::citizen_id_facts(c.so_dinh_danh);
    EXPECT_EQ(facts.female, c.gioi_tinh == "2");
    EXPECT_EQ(std::to_string(facts.birth_year), c.nam);
    if (c.ngay_thang_nam) {
      EXPECT_TRUE(is_compact_date(*c.ngay_thang_nam));
      EXPECT_EQ(c.ngay_thang_nam->substr(0, 4), c.nam);
    }
    if (c.so_cmnd) {
      EXPECT_FALSE(schema::check_old_id_card(*c.so_cmnd));
    }
    // The ID's province code is the birth registration province (GSO code with a leading 0).
    EXPECT_EQ(c.so_dinh_danh.substr(1, 2), c.noi_dang_ky_khai_sinh.ma_tinh_thanh);
  }
}

TEST_F(CitizenDataTest, HoldsTheMainScenarioRecord) {
  const auto* an = registry_->find("001089012345");
  ASSERT_NE(an, nullptr);
  EXPECT_EQ(an->ho, "Nguyễn");
  EXPECT_EQ(an->chu_dem, "Văn");
  EXPECT_EQ(an->ten, "An");
  EXPECT_EQ(an->ngay_thang_nam, "19890517");
  EXPECT_EQ(an->gioi_tinh, "1");
  EXPECT_EQ(an->thuong_tru.ma_tinh_thanh, "01");  // Hà Nội
  EXPECT_EQ(an->noi_o_hien_tai.ma_tinh_thanh, "01");
  EXPECT_EQ(an->noi_dang_ky_khai_sinh.ma_tinh_thanh, "01");
}

TEST_F(CitizenDataTest, NotFoundScenarioIdIsValidAndAbsent) {
  EXPECT_FALSE(schema::check_citizen_id("079200000001"));
  EXPECT_EQ(registry_->find("079200000001"), nullptr);
}

TEST_F(CitizenDataTest, CoversTheVarietyTestersNeed) {
  std::set<std::string> provinces;
  int female = 0, born_2000s = 0, old_card = 0, year_only = 0, spouse = 0, parents = 0,
      two_levels = 0, minority = 0;
  for (const auto& c : all()) {
    provinces.insert(c.so_dinh_danh.substr(0, 3));
    female += c.gioi_tinh == "2";
    born_2000s += c.so_dinh_danh[3] == '2' || c.so_dinh_danh[3] == '3';
    old_card += c.so_cmnd.has_value();
    year_only += !c.ngay_thang_nam;
    spouse += c.vo_chong.has_value();
    parents += c.cha.has_value() && c.me.has_value();
    two_levels += two_level(c);
    minority += c.dan_toc != "01";
  }
  EXPECT_GE(provinces.size(), 20u);
  EXPECT_GE(female, 10);
  EXPECT_GE(born_2000s, 5);
  EXPECT_GE(old_card, 5);
  EXPECT_GE(year_only, 2);
  EXPECT_GE(spouse, 4);
  EXPECT_GE(parents, 3);
  EXPECT_GE(two_levels, 5);
  EXPECT_GE(minority, 3);
}

TEST_F(CitizenDataTest, RelativesOnRecordAgree) {
  for (const auto& c : all()) {
    SCOPED_TRACE(c.so_dinh_danh);
    for (const auto* ref : {&c.cha, &c.me, &c.vo_chong, &c.nguoi_dai_dien}) {
      if (!*ref) continue;
      EXPECT_FALSE(schema::check_citizen_id((*ref)->so_dinh_danh));
      EXPECT_NE((*ref)->so_dinh_danh, c.so_dinh_danh);
      if (const auto* other = registry_->find((*ref)->so_dinh_danh)) {
        EXPECT_EQ(other->ho_va_ten(), (*ref)->ho_va_ten);
      }
    }
    if (c.cha) {
      EXPECT_FALSE(schema::citizen_id_facts(c.cha->so_dinh_danh).female);
    }
    if (c.me) {
      EXPECT_TRUE(schema::citizen_id_facts(c.me->so_dinh_danh).female);
    }
    if (c.vo_chong) {
      if (const auto* spouse = registry_->find(c.vo_chong->so_dinh_danh)) {
        ASSERT_TRUE(spouse->vo_chong);
        EXPECT_EQ(spouse->vo_chong->so_dinh_danh, c.so_dinh_danh);
      }
    }
    if (const auto* head = registry_->find(c.chu_ho.so_dinh_danh)) {
      EXPECT_EQ(head->ho_va_ten(), c.chu_ho.ho_va_ten);
      EXPECT_EQ(head->so_so_ho_khau, c.so_so_ho_khau);
    }
  }
}

}  // namespace
}  // namespace lienthong::sandbox::dancu
