#include "sandbox/dkdn/enterprise_registry.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace lienthong::sandbox::dkdn {
namespace {

nlohmann::json record() {
  return nlohmann::json::parse(R"({
    "MaNoiBo": "1000237", "MaSoDoanhNghiep": "0100109106", "SoGCNDKKD": "0100109106",
    "MaLoaiHinhDN": "01", "LoaiHinhDN": "Công ty trách nhiệm hữu hạn một thành viên",
    "TenTiengViet": "TỔNG CÔNG TY VIỄN THÔNG SÔNG HỒNG", "TenNuocNgoai": null, "TenVietTat": null,
    "NgayDangKyLanDau": "13/06/2005", "NgayDangKyThayDoi": "21/03/2024", "SoLanDangKyThayDoi": 17,
    "TinhTrangPhapLy": [{"TinhTrangPhapLy": "Đang hoạt động", "MaTinhTrangPhapLy": "01",
      "NgayBatDauTamNgung": null, "NgayKetThucTamNgung": null, "LyDoTamNgung": null}],
    "DaiDienPhapLuat": [{"HoTen": "Nguyễn Văn An", "ChucDanh": "Tổng Giám đốc",
      "LoaiGiayTo": "CCCD", "SoGiayTo": "001089012345"}],
    "DiaChiTruSo": [{"DiaChi": [{"MaTinhThanh": "01", "TenTinhThanh": "Thành phố Hà Nội",
      "MaQuanHuyen": "005", "TenQuanHuyen": "Quận Cầu Giấy", "MaPhuongXa": "00163",
      "TenPhuongXa": "Phường Dịch Vọng", "SoNhaDuong": "Số 1"}]}],
    "NganhNgheKinhDoanh": [{"MaNganh": "6110", "TenNganh": "Hoạt động viễn thông có dây",
      "LaNganhChinh": true}]
  })");
}

std::string reasons(const config::ConfigErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

Result<EnterpriseRegistry, config::ConfigErrors> parse(const nlohmann::json& records) {
  return EnterpriseRegistry::parse(records.dump(2), "enterprises.json");
}

TEST(EnterpriseRegistryTest, ReadsAValidRecord) {
  auto registry = parse(nlohmann::json::array({record()}));
  ASSERT_TRUE(registry) << reasons(registry.error());
  ASSERT_NE(registry->find("0100109106"), nullptr);
  EXPECT_EQ((*registry->find("0100109106"))["SoLanDangKyThayDoi"], 17);
  EXPECT_EQ(registry->find("0100109106-001"), nullptr);
}

TEST(EnterpriseRegistryTest, ASuspensionCarriesDatesAndReason) {
  auto r = record();
  r["TinhTrangPhapLy"][0] = {{"TinhTrangPhapLy", "Tạm ngừng kinh doanh"},
                             {"MaTinhTrangPhapLy", "02"},
                             {"NgayBatDauTamNgung", "01/07/2024"},
                             {"NgayKetThucTamNgung", "30/06/2025"},
                             {"LyDoTamNgung", "Khó khăn về tài chính"}};
  auto registry = parse(nlohmann::json::array({r}));
  EXPECT_TRUE(registry) << reasons(registry.error());
}

struct Broken {
  const char* name;
  std::function<void(nlohmann::json&)> breaking;
  const char* key_path;
};

class EnterpriseRegistryRejects : public ::testing::TestWithParam<Broken> {};

TEST_P(EnterpriseRegistryRejects, NamesTheKey) {
  auto r = record();
  GetParam().breaking(r);
  auto registry = parse(nlohmann::json::array({r}));
  ASSERT_FALSE(registry);
  bool found = false;
  for (const auto& e : registry.error()) {
    found = found || e.key_path == GetParam().key_path;
    EXPECT_GT(e.line, 0);
  }
  EXPECT_TRUE(found) << reasons(registry.error());
}

INSTANTIATE_TEST_SUITE_P(
    Rules, EnterpriseRegistryRejects,
    ::testing::Values(
        Broken{"CheckDigit", [](auto& r) { r["MaSoDoanhNghiep"] = "0100109107"; },
               "0.MaSoDoanhNghiep"},
        Broken{"BranchNeedsBranchForm", [](auto& r) { r["MaSoDoanhNghiep"] = "0100109106-001"; },
               "0.MaLoaiHinhDN"},
        Broken{"FormNameDiffers", [](auto& r) { r["LoaiHinhDN"] = "Công ty cổ phần"; },
               "0.LoaiHinhDN"},
        Broken{"IsoDate", [](auto& r) { r["NgayDangKyLanDau"] = "2005-06-13"; },
               "0.NgayDangKyLanDau"},
        Broken{"ChangedBeforeFirst", [](auto& r) { r["NgayDangKyThayDoi"] = "01/01/2000"; },
               "0.NgayDangKyThayDoi"},
        Broken{"UnknownStatus",
               [](auto& r) { r["TinhTrangPhapLy"][0]["MaTinhTrangPhapLy"] = "09"; },
               "0.TinhTrangPhapLy.0.MaTinhTrangPhapLy"},
        Broken{"SuspensionWithoutDates",
               [](auto& r) {
                 r["TinhTrangPhapLy"][0]["MaTinhTrangPhapLy"] = "02";
                 r["TinhTrangPhapLy"][0]["TinhTrangPhapLy"] = "Tạm ngừng kinh doanh";
               },
               "0.TinhTrangPhapLy.0.NgayBatDauTamNgung"},
        Broken{"ActiveWithReason", [](auto& r) { r["TinhTrangPhapLy"][0]["LyDoTamNgung"] = "x"; },
               "0.TinhTrangPhapLy.0"},
        Broken{"RepresentativeId",
               [](auto& r) { r["DaiDienPhapLuat"][0]["SoGiayTo"] = "001489012345"; },
               "0.DaiDienPhapLuat.0.SoGiayTo"},
        Broken{"NoRepresentative", [](auto& r) { r["DaiDienPhapLuat"] = nlohmann::json::array(); },
               "0.DaiDienPhapLuat"},
        Broken{"NoMainLine", [](auto& r) { r["NganhNgheKinhDoanh"][0]["LaNganhChinh"] = false; },
               "0.NganhNgheKinhDoanh"},
        Broken{"AddressKey", [](auto& r) { r["DiaChiTruSo"][0]["DiaChi"][0].erase("MaPhuongXa"); },
               "0.DiaChiTruSo.0.DiaChi.0.MaPhuongXa"},
        Broken{"UnknownKey", [](auto& r) { r["Von"] = 1; }, "0.Von"},
        Broken{"NameNotNullable", [](auto& r) { r["TenNuocNgoai"] = 5; }, "0.TenNuocNgoai"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(EnterpriseRegistryTest, RefusesDuplicatesAndNonLists) {
  auto dup = parse(nlohmann::json::array({record(), record()}));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().front().key_path, "1.MaSoDoanhNghiep");
  EXPECT_FALSE(parse(nlohmann::json::object()));
  EXPECT_FALSE(EnterpriseRegistry::load("/nonexistent/enterprises.json"));
}

}  // namespace
}  // namespace lienthong::sandbox::dkdn
