#include "sandbox/paygov/payment.hpp"

namespace lienthong::sandbox::paygov {

nlohmann::json to_json(const IpnAttempt& a) {
  nlohmann::json out = {{"at", format_iso(a.at)},
                        {"mode", a.mode},
                        {"MaLoi", a.ma_loi},
                        {"attempt", a.attempt},
                        {"http_status", a.http_status},
                        {"answer_MaLoi", a.answer_code},
                        {"answer_verified", a.answer_verified},
                        {"answer_body", a.answer_body}};
  if (!a.error.empty()) out["error"] = a.error;
  return out;
}

nlohmann::json to_json(const Payment& p) {
  auto ipn = nlohmann::json::array();
  for (const auto& a : p.ipn) ipn.push_back(to_json(a));
  nlohmann::json out = {{"MaThamChieu", p.init.reference},
                        {"MaDoiTac", p.init.partner},
                        {"SoTien", p.init.amount},
                        {"ThongTinGiaoDich", p.init.description},
                        {"ThoiGianGD", p.init.time},
                        {"Ip", p.init.ip},
                        {"ThongTinBienLai", to_json(p.init.receipt)},
                        {"state", state_name(p.state)},
                        {"TrangThaiGD", state_code(p.state)},
                        {"MaGiaoDich", p.transaction_id},
                        {"created_at", format_iso(p.lifecycle.created_at())},
                        {"ThoiHanThanhToan", format_timestamp(p.lifecycle.expires_at())},
                        {"ipn", std::move(ipn)}};
  if (p.init.return_url) out["UrlTraVe"] = *p.init.return_url;
  if (const auto settled = p.lifecycle.settled_at()) out["settled_at"] = format_iso(*settled);
  return out;
}

}  // namespace lienthong::sandbox::paygov
