#pragma once

// Messages of the paygov wire (connectors/paygov/WIRE.md) for the mock's tests.

#include <nlohmann/json.hpp>
#include <string>

#include "sandbox/paygov/checksum.hpp"
#include "sandbox/paygov/vn_time.hpp"
#include "sandbox/paygov/wire.hpp"

namespace lienthong::sandbox::paygov::test_support {

inline constexpr const char* kSecret = "s3cret";
inline constexpr const char* kPartner = "LIENTHONG";

/// 2025-07-01 09:30:00 in Vietnam.
inline TimePoint fixed_now() {
  return *parse_timestamp("20250701093000");
}

inline nlohmann::json sign(nlohmann::json message, std::span<const std::string_view> order) {
  message["MaXacThuc"] = checksum(message, order, kSecret);
  return message;
}

/// A valid INIT of 150000 VND (two fee lines) for `reference`, signed.
inline nlohmann::json init_message(const std::string& reference = "HS-0001",
                                   const std::string& time = "20250701093000") {
  nlohmann::json m = {
      {"LoaiBanTin", "INIT"},
      {"PhienBan", "1.0.6"},
      {"MaDoiTac", kPartner},
      {"MaThamChieu", reference},
      {"SoTien", 150000},
      {"LoaiHinhThanhToan", "PAY"},
      {"MaKenhThanhToan", "1"},
      {"MaThietBi", "1"},
      {"NgonNgu", "vi-VN"},
      {"MaTienTe", "VND"},
      {"MaNganHang", "PAYMENT"},
      {"ThongTinGiaoDich", "Nộp lệ phí hồ sơ 000.00.01.H22-250701-0001"},
      {"ThoiGianGD", time},
      {"Ip", "10.0.0.7"},
      {"ThongTinBienLai",
       {{"MaDichVu", "1"},
        {"MaDVC", "H22"},
        {"MaTTHC", "1.003560"},
        {"MaDonVi", "000.00.01.H22"},
        {"MaHoSo", "000.00.01.H22-250701-0001"},
        {"TKThuHuong", "0123456789"},
        {"MaNHThuHuong", "970436"},
        {"HoTenNguoiNop", "Nguyễn Văn An"},
        {"SoCMNDNguoiNop", "001089012345"},
        {"PhiLePhi",
         {{{"LoaiPhiLePhi", "1"},
           {"MaPhiLePhi", "LP01"},
           {"TenPhiLePhi", "Lệ phí cấp giấy phép"},
           {"SoTien", 100000}},
          {{"LoaiPhiLePhi", "2"},
           {"MaPhiLePhi", "PH02"},
           {"TenPhiLePhi", "Phí thẩm định"},
           {"SoTien", 50000}}}}}},
  };
  return sign(std::move(m), kInitChecksumOrder);
}

inline nlohmann::json lookup_message(const std::string& type, const std::string& reference,
                                     const std::string& time = "20250701093000") {
  return sign({{"LoaiBanTin", type},
               {"PhienBan", "1.0.6"},
               {"MaDoiTac", kPartner},
               {"MaThamChieu", reference},
               {"ThoiGianGD", time}},
              kLookupChecksumOrder);
}

inline nlohmann::json reconcile_message(const std::string& day,
                                        const std::string& time = "20250701093000") {
  return sign({{"LoaiBanTin", "DOI_SOAT"},
               {"PhienBan", "1.0.6"},
               {"MaDoiTac", kPartner},
               {"NgayDoiSoat", day},
               {"ThoiGianGD", time}},
              kReconcileChecksumOrder);
}

}  // namespace lienthong::sandbox::paygov::test_support
