#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::sandbox::dancu {

/// The fields of one `TraCuuThongTinCongDan` request, checked.
struct LookupRequest {
  std::string ma_yeu_cau;
  std::string ma_dvc;
  std::string ma_tich_hop;
  std::string ma_can_bo;
  std::string so_dinh_danh;
  std::optional<std::string> so_cmnd;
  std::string ho_va_ten;
  std::optional<std::string> ngay_thang_nam;  ///< exactly one of these two is set
  std::optional<std::string> nam;
};

/// A SOAP 1.1 fault to answer with.
struct SoapFault {
  std::string code;    ///< local part of faultcode: Client, Server or VersionMismatch
  std::string reason;  ///< faultstring, in Vietnamese; never echoes personal data
  std::string ma_loi;  ///< detail/dc:MaLoi
};

/// Parses the request body namespace-aware (any prefixes; the elements must be in
/// `urn:dancu:congdan:1.0`, the envelope in SOAP 1.1's namespace), refusing DOCTYPE, unknown or
/// repeated fields and invalid values. Every problem found is named in one fault.
Result<LookupRequest, SoapFault> parse_lookup_request(std::string_view xml);

}  // namespace lienthong::sandbox::dancu
