#include "sandbox/paygov/lookup_message.hpp"

#include <array>

#include "sandbox/paygov/field_reader.hpp"

namespace lienthong::sandbox::paygov {
namespace {

constexpr std::array<std::string_view, 6> kLookupFields = {
    "LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD", "MaXacThuc"};
constexpr std::array<std::string_view, 6> kReconcileFields = {
    "LoaiBanTin", "PhienBan", "MaDoiTac", "NgayDoiSoat", "ThoiGianGD", "MaXacThuc"};

}  // namespace

Result<LookupRequest, WireError> check_lookup(const nlohmann::json& message,
                                              const CheckContext& context) {
  FieldReader r(message, "");
  r.only(kLookupFields);
  LookupRequest out;
  out.type = r.text("LoaiBanTin").value_or("");
  r.text("PhienBan");
  r.text("MaDoiTac");
  out.reference = r.text("MaThamChieu").value_or("");
  const auto time = r.text("ThoiGianGD").value_or("");
  r.text("MaXacThuc");
  if (!r.ok()) return *r.error();
  if (out.type != kQuery && out.type != kGetBill) {
    return invalid("Dữ liệu không hợp lệ: LoaiBanTin");
  }
  if (auto refused = check_partner_and_checksum(message, kLookupChecksumOrder, context)) {
    return *refused;
  }
  if (auto refused = check_request_time(time, context)) return *refused;
  return out;
}

Result<ReconcileRequest, WireError> check_reconcile(const nlohmann::json& message,
                                                    const CheckContext& context) {
  FieldReader r(message, "");
  r.only(kReconcileFields);
  const auto type = r.text("LoaiBanTin").value_or("");
  r.text("PhienBan");
  r.text("MaDoiTac");
  ReconcileRequest out;
  out.day = r.text("NgayDoiSoat").value_or("");
  const auto time = r.text("ThoiGianGD").value_or("");
  r.text("MaXacThuc");
  if (!r.ok()) return *r.error();
  if (type != kReconcile) return invalid("Dữ liệu không hợp lệ: LoaiBanTin");
  if (auto refused = check_partner_and_checksum(message, kReconcileChecksumOrder, context)) {
    return *refused;
  }
  if (!parse_day(out.day)) {
    return invalid("Dữ liệu không hợp lệ: NgayDoiSoat phải là ngày yyyyMMdd có thật");
  }
  if (auto refused = check_request_time(time, context)) return *refused;
  return out;
}

}  // namespace lienthong::sandbox::paygov
