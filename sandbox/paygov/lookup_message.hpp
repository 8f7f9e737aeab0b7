#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/problem.hpp"
#include "sandbox/paygov/partner.hpp"
#include "sandbox/paygov/wire.hpp"

namespace lienthong::sandbox::paygov {

/// A checked QUERY or GET_BILL.
struct LookupRequest {
  std::string type;       ///< LoaiBanTin: QUERY or GET_BILL
  std::string reference;  ///< MaThamChieu
};

/// A checked DOI_SOAT.
struct ReconcileRequest {
  std::string day;  ///< NgayDoiSoat, yyyyMMdd
};

/// QUERY / GET_BILL: fields `LoaiBanTin, PhienBan, MaDoiTac, MaThamChieu, ThoiGianGD,
/// MaXacThuc` and no other (`03`), partner (`04`), checksum (`01`), ThoiGianGD (`03`).
Result<LookupRequest, WireError> check_lookup(const nlohmann::json& message,
                                              const CheckContext& context);

/// DOI_SOAT: fields `LoaiBanTin, PhienBan, MaDoiTac, NgayDoiSoat, ThoiGianGD, MaXacThuc`,
/// then as check_lookup; NgayDoiSoat must be a real day (`03`).
Result<ReconcileRequest, WireError> check_reconcile(const nlohmann::json& message,
                                                    const CheckContext& context);

}  // namespace lienthong::sandbox::paygov
