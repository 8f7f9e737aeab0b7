#pragma once

#include <optional>
#include <string>

namespace lienthong::sandbox::dancu {

/// One population-registry record; field names follow the `CongDan` answer element they fill.
/// Codes (sandbox/README.md has the tables): GioiTinh 1/2, DanToc 2 digits, TonGiao 2 digits,
/// QuocTich ISO 3166 alpha-2, TinhTrangHonNhan 1-4, NhomMau 00-04.
struct Address {
  std::string ma_tinh_thanh;                 ///< 2 digits
  std::optional<std::string> ma_quan_huyen;  ///< 3 digits; none in post-2025 two-level records
  std::string ma_phuong_xa;                  ///< 5 digits
  std::string chi_tiet;
  std::string quoc_gia;
};

struct PersonRef {
  std::string ho_va_ten;
  std::string so_dinh_danh;
};

struct HouseholdHead {
  std::string quan_he;  ///< this citizen's relation to the head ("Chủ hộ" when it is them)
  std::string ho_va_ten;
  std::string so_dinh_danh;
};

struct Citizen {
  std::string so_dinh_danh;
  std::optional<std::string> so_cmnd;
  std::string ho;
  std::string chu_dem;  ///< may be empty
  std::string ten;
  std::string gioi_tinh;
  std::string dan_toc;
  std::string ton_giao;
  std::string quoc_tich;
  std::string tinh_trang_hon_nhan;
  std::string nhom_mau;
  std::optional<std::string> ngay_thang_nam;  ///< yyyyMMdd; none when only the year is known
  std::string nam;                            ///< yyyy
  Address noi_dang_ky_khai_sinh;
  Address que_quan;
  Address thuong_tru;
  Address noi_o_hien_tai;
  std::optional<PersonRef> cha;
  std::optional<PersonRef> me;
  std::optional<PersonRef> vo_chong;
  std::optional<PersonRef> nguoi_dai_dien;
  HouseholdHead chu_ho;
  std::string so_so_ho_khau;

  /// "Ho ChuDem Ten", skipping an empty middle part.
  [[nodiscard]] std::string ho_va_ten() const;
};

}  // namespace lienthong::sandbox::dancu
