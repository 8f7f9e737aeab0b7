#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

namespace lienthong::connectors::paygov {

/// The fields each message's `MaXacThuc` covers, in the platform's order (WIRE.md,
/// ../shared/domain/EXTERNAL-SYSTEMS.md); the partner secret comes last.
namespace order {
inline constexpr std::array<std::string_view, 14> kInit{
    "LoaiBanTin",        "PhienBan",         "MaDoiTac",   "MaThamChieu", "SoTien",
    "LoaiHinhThanhToan", "MaKenhThanhToan",  "MaThietBi",  "NgonNgu",     "MaTienTe",
    "MaNganHang",        "ThongTinGiaoDich", "ThoiGianGD", "Ip"};
/// QUERY and GET_BILL.
inline constexpr std::array<std::string_view, 5> kQuery{"LoaiBanTin", "PhienBan", "MaDoiTac",
                                                        "MaThamChieu", "ThoiGianGD"};
inline constexpr std::array<std::string_view, 5> kReconcile{"LoaiBanTin", "PhienBan", "MaDoiTac",
                                                            "NgayDoiSoat", "ThoiGianGD"};
inline constexpr std::array<std::string_view, 10> kIpn{
    "LoaiBanTin", "MaLoi",      "MaDoiTac",   "MaThamChieu", "SoTien",
    "MaTienTe",   "MaGiaoDich", "MaNganHang", "ThoiGianGD",  "ThongTinGiaoDich"};
inline constexpr std::array<std::string_view, 3> kIpnAnswer{"MaLoi", "MaDoiTac", "ThoiGianGD"};
}  // namespace order

/// A field as the checksum reads it: a string as it is, an integer in decimal, absent or null
/// as the empty string (anything else is written as JSON, which cannot match a real checksum).
std::string field_text(const nlohmann::json& message, std::string_view field);

/// `MaXacThuc`: lowercase hex SHA-256 of the fields of `message` in `order`, joined by `|`,
/// then `|` and the secret.
std::string checksum(const nlohmann::json& message, std::span<const std::string_view> order,
                     std::string_view secret);

/// True when `message.MaXacThuc` is the checksum over `order` (compared in constant time; any
/// letter case of the hex digits is accepted).
bool checksum_matches(const nlohmann::json& message, std::span<const std::string_view> order,
                      std::string_view secret);

}  // namespace lienthong::connectors::paygov
