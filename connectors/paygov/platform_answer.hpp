#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::connectors::paygov {

/// An answer of the platform with `error_code "0"`, parsed; any other answer is a Problem in
/// the hub's terms, with the platform's code and message in `upstream`:
/// 401 or "01"/"04" (the hub's credentials, checksum secret or partner code are wrong: an
/// operator must fix the config) → 502; "03" invalid data → 400; "05" no such payment → 404;
/// "02" reference used, "99" and anything else → 502; a body that is not a JSON object → 502.
Result<nlohmann::json> read_answer(unsigned http_status, std::string_view body);

/// What INIT's answer carries in its `message` (JSON *text*).
struct InitAnswer {
  std::string payment_url;  ///< UrlThanhToan
  std::string expires_at;   ///< ThoiHanThanhToan, yyyyMMddHHmmss (empty when not given)
};
Result<InitAnswer> read_init_answer(const nlohmann::json& answer);

}  // namespace lienthong::connectors::paygov
