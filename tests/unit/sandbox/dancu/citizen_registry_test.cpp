#include "sandbox/dancu/citizen_registry.hpp"

#include <gtest/gtest.h>

namespace lienthong::sandbox::dancu {
namespace {

// A valid record; tests break one thing at a time.
nlohmann::json record() {
  const nlohmann::json address = {{"MaTinhThanh", "01"},
                                  {"MaQuanHuyen", "001"},
                                  {"MaPhuongXa", "00001"},
                                  {"ChiTiet", "Số 1 phố Phúc Xá"},
                                  {"QuocGia", "VN"}};
  return {{"SoDinhDanh", "001089012345"},
          {"HoVaTen", {{"Ho", "Nguyễn"}, {"ChuDem", "Văn"}, {"Ten", "An"}}},
          {"GioiTinh", "1"},
          {"DanToc", "01"},
          {"TonGiao", "00"},
          {"QuocTich", "VN"},
          {"TinhTrangHonNhan", "1"},
          {"NhomMau", "01"},
          {"NgayThangNamSinh", {{"NgayThangNam", "19890517"}, {"Nam", "1989"}}},
          {"NoiDangKyKhaiSinh", address},
          {"QueQuan", address},
          {"ThuongTru", address},
          {"NoiOHienTai", address},
          {"ChuHo",
           {{"QuanHe", "Chủ hộ"}, {"HoVaTen", "Nguyễn Văn An"}, {"SoDinhDanh", "001089012345"}}},
          {"SoSoHoKhau", "010123456"}};
}

Result<CitizenRegistry, config::ConfigErrors> parse(const nlohmann::json& records) {
  return CitizenRegistry::parse(records.dump(2), "citizens.json");
}

std::string reasons(const config::ConfigErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

TEST(CitizenRegistryTest, ReadsAValidRecord) {
  auto registry = parse(nlohmann::json::array({record()}));
  ASSERT_TRUE(registry) << reasons(registry.error());
  const auto* c = registry->find("001089012345");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->ho_va_ten(), "Nguyễn Văn An");
  EXPECT_EQ(c->ngay_thang_nam, "19890517");
  EXPECT_EQ(c->thuong_tru.ma_quan_huyen, "001");
  EXPECT_FALSE(c->so_cmnd);
  EXPECT_FALSE(c->vo_chong);
  EXPECT_EQ(registry->find("079200000001"), nullptr);
}

TEST(CitizenRegistryTest, TwoLevelAddressAndYearOnlyBirth) {
  auto r = record();
  r["ThuongTru"].erase("MaQuanHuyen");
  r["NgayThangNamSinh"].erase("NgayThangNam");
  auto registry = parse(nlohmann::json::array({r}));
  ASSERT_TRUE(registry) << reasons(registry.error());
  const auto& c = registry->citizens().front();
  EXPECT_FALSE(c.thuong_tru.ma_quan_huyen);
  EXPECT_FALSE(c.ngay_thang_nam);
  EXPECT_EQ(c.nam, "1989");
}

struct Broken {
  const char* name;
  std::function<void(nlohmann::json&)> breaking;
  const char* key_path;
};

class CitizenRegistryRejects : public ::testing::TestWithParam<Broken> {};

TEST_P(CitizenRegistryRejects, NamesTheKey) {
  auto r = record();
  GetParam().breaking(r);
  auto registry = parse(nlohmann::json::array({r}));
  ASSERT_FALSE(registry);
  bool found = false;
  for (const auto& e : registry.error()) {
    found = found || e.key_path == GetParam().key_path;
    EXPECT_EQ(e.file, "citizens.json");
    EXPECT_GT(e.line, 0);
  }
  EXPECT_TRUE(found) << reasons(registry.error());
}

INSTANTIATE_TEST_SUITE_P(
    Rules, CitizenRegistryRejects,
    ::testing::Values(
        Broken{"BadId", [](auto& r) { r["SoDinhDanh"] = "001489012345"; }, "0.SoDinhDanh"},
        Broken{"SexDisagrees", [](auto& r) { r["GioiTinh"] = "2"; }, "0.SoDinhDanh"},
        Broken{"YearDisagrees",
               [](auto& r) {
                 r["NgayThangNamSinh"] = {{"NgayThangNam", "19900517"}, {"Nam", "1990"}};
               },
               "0.SoDinhDanh"},
        Broken{"DateYearDiffers",
               [](auto& r) { r["NgayThangNamSinh"]["NgayThangNam"] = "19880517"; },
               "0.NgayThangNamSinh.NgayThangNam"},
        Broken{"NotARealDate", [](auto& r) { r["NgayThangNamSinh"]["NgayThangNam"] = "19890230"; },
               "0.NgayThangNamSinh.NgayThangNam"},
        Broken{"UnknownKey", [](auto& r) { r["Extra"] = "x"; }, "0.Extra"},
        Broken{"MissingName", [](auto& r) { r["HoVaTen"].erase("Ten"); }, "0.HoVaTen.Ten"},
        Broken{"BadOldCard", [](auto& r) { r["SoCMND"] = "12345"; }, "0.SoCMND"},
        Broken{"SpouseButSingle",
               [](auto& r) {
                 r["VoChong"] = {{"HoVaTen", "Trần Thị Bích Ngọc"}, {"SoDinhDanh", "001190023456"}};
               },
               "0.TinhTrangHonNhan"},
        Broken{"BadDistrict", [](auto& r) { r["QueQuan"]["MaQuanHuyen"] = "1"; },
               "0.QueQuan.MaQuanHuyen"},
        Broken{"UnknownBloodGroup", [](auto& r) { r["NhomMau"] = "O"; }, "0.NhomMau"},
        Broken{"HeadIsSomeoneElse", [](auto& r) { r["ChuHo"]["SoDinhDanh"] = "001190023456"; },
               "0.ChuHo.SoDinhDanh"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CitizenRegistryTest, RefusesDuplicatesAndNonLists) {
  auto dup = parse(nlohmann::json::array({record(), record()}));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().front().key_path, "1.SoDinhDanh");
  EXPECT_FALSE(parse(nlohmann::json::object()));
  EXPECT_FALSE(CitizenRegistry::parse("[", "citizens.json"));
  EXPECT_FALSE(CitizenRegistry::load("/nonexistent/citizens.json"));
}

}  // namespace
}  // namespace lienthong::sandbox::dancu
