#include "connectors/paygov/platform_request.hpp"

#include "connectors/paygov/checksum.hpp"

namespace lienthong::connectors::paygov {

nlohmann::json complete_init(nlohmann::json mapped, const Partner& partner,
                             std::string_view reference, Clock::time_point now) {
  if (!mapped.is_object()) mapped = nlohmann::json::object();
  mapped["LoaiBanTin"] = "INIT";
  mapped["PhienBan"] = kVersion;
  mapped["MaDoiTac"] = partner.code;
  mapped["MaThamChieu"] = reference;
  mapped["LoaiHinhThanhToan"] = "PAY";
  mapped["MaKenhThanhToan"] = "1";
  mapped["MaThietBi"] = "1";
  mapped["NgonNgu"] = "vi-VN";
  mapped["MaTienTe"] = "VND";
  mapped["MaNganHang"] = "PAYMENT";
  mapped["ThoiGianGD"] = platform_time(now);
  if (!mapped.contains("Ip")) mapped["Ip"] = "";
  if (!mapped.contains("ThongTinGiaoDich")) mapped["ThongTinGiaoDich"] = "";
  mapped["MaXacThuc"] = checksum(mapped, order::kInit, partner.secret);
  return mapped;
}

nlohmann::json payment_request(std::string_view type, const Partner& partner,
                               std::string_view reference, Clock::time_point now) {
  nlohmann::json m = {{"LoaiBanTin", type},
                      {"PhienBan", kVersion},
                      {"MaDoiTac", partner.code},
                      {"MaThamChieu", reference},
                      {"ThoiGianGD", platform_time(now)}};
  m["MaXacThuc"] = checksum(m, order::kQuery, partner.secret);
  return m;
}

nlohmann::json reconciliation_request(const Partner& partner, std::string_view day,
                                      Clock::time_point now) {
  nlohmann::json m = {{"LoaiBanTin", "DOI_SOAT"},
                      {"PhienBan", kVersion},
                      {"MaDoiTac", partner.code},
                      {"NgayDoiSoat", day},
                      {"ThoiGianGD", platform_time(now)}};
  m["MaXacThuc"] = checksum(m, order::kReconcile, partner.secret);
  return m;
}

}  // namespace lienthong::connectors::paygov
