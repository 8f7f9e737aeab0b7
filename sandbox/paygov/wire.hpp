#pragma once

// The wire contract of the payment platform (connectors/paygov/WIRE.md), as the mock serves it.
// Field orders of every MaXacThuc, the fixed fields of INIT and the platform's codes live here
// and nowhere else in the mock.

#include <array>
#include <string>
#include <string_view>

namespace lienthong::sandbox::paygov {

inline constexpr std::string_view kApiPath = "/api/thanhtoan";
inline constexpr std::string_view kPagePrefix = "/pay/";
inline constexpr std::string_view kVersion = "1.0.6";

/// Message types (`LoaiBanTin`).
inline constexpr std::string_view kInit = "INIT";
inline constexpr std::string_view kQuery = "QUERY";
inline constexpr std::string_view kGetBill = "GET_BILL";
inline constexpr std::string_view kReconcile = "DOI_SOAT";
inline constexpr std::string_view kIpn = "IPN";

/// A field INIT must carry with exactly this value.
struct FixedField {
  std::string_view name;
  std::string_view value;
};
inline constexpr std::array<FixedField, 7> kInitFixedFields = {{
    {"PhienBan", kVersion},
    {"LoaiHinhThanhToan", "PAY"},
    {"MaKenhThanhToan", "1"},
    {"MaThietBi", "1"},
    {"NgonNgu", "vi-VN"},
    {"MaTienTe", "VND"},
    {"MaNganHang", "PAYMENT"},
}};

/// MaXacThuc field orders (the secret is appended last by the checksum itself).
inline constexpr std::array<std::string_view, 14> kInitChecksumOrder = {
    "LoaiBanTin",        "PhienBan",         "MaDoiTac",   "MaThamChieu", "SoTien",
    "LoaiHinhThanhToan", "MaKenhThanhToan",  "MaThietBi",  "NgonNgu",     "MaTienTe",
    "MaNganHang",        "ThongTinGiaoDich", "ThoiGianGD", "Ip"};
/// QUERY and GET_BILL.
inline constexpr std::array<std::string_view, 5> kLookupChecksumOrder = {
    "LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD"};
inline constexpr std::array<std::string_view, 5> kReconcileChecksumOrder = {
    "LoaiBanTin", "PhienBan", "MaDoiTac", "NgayDoiSoat", "ThoiGianGD"};
inline constexpr std::array<std::string_view, 10> kIpnChecksumOrder = {
    "LoaiBanTin", "MaLoi",      "MaDoiTac",   "MaThamChieu", "SoTien",
    "MaTienTe",   "MaGiaoDich", "MaNganHang", "ThoiGianGD",  "ThongTinGiaoDich"};
/// The partner's answer to an IPN.
inline constexpr std::array<std::string_view, 3> kIpnAnswerChecksumOrder = {"MaLoi", "MaDoiTac",
                                                                            "ThoiGianGD"};

/// `error_code` of the platform's answers.
namespace error_code {
inline constexpr std::string_view kOk = "0";
inline constexpr std::string_view kChecksum = "01";
inline constexpr std::string_view kReferenceUsed = "02";
inline constexpr std::string_view kInvalid = "03";
inline constexpr std::string_view kUnknownPartner = "04";
inline constexpr std::string_view kNoSuchPayment = "05";
inline constexpr std::string_view kInternal = "99";
inline constexpr std::string_view kUnauthorized = "401";
}  // namespace error_code

/// `MaLoi` of an IPN (what happened to the payment).
inline constexpr std::string_view kIpnPaid = "00";
inline constexpr std::string_view kIpnCancelled = "24";
/// `MaLoi` of the partner's answers that stop the resending: confirmed, already confirmed.
inline constexpr std::string_view kIpnAnswerConfirmed = "00";
inline constexpr std::string_view kIpnAnswerAlreadyConfirmed = "04";

/// A refusal of the platform: its `error_code` and Vietnamese `message` (never a data value).
struct WireError {
  std::string code;
  std::string message;
};

}  // namespace lienthong::sandbox::paygov
