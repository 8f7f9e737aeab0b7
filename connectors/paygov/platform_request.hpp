#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "connectors/paygov/platform_time.hpp"

namespace lienthong::connectors::paygov {

/// The hub's account at the platform: `MaDoiTac` and the secret of every `MaXacThuc`.
struct Partner {
  std::string code;
  std::string secret;  ///< never logged
};

/// The INIT fields the platform fixes (EXTERNAL-SYSTEMS.md): always these values.
inline constexpr std::string_view kVersion = "1.0.6";

/// Completes the INIT that the request mapping wrote (receipt block, amount, description, Ip):
/// the fixed fields, the partner, the reference, the time and the checksum. Fixed fields the
/// mapping wrote are overwritten: the platform accepts no other value.
nlohmann::json complete_init(nlohmann::json mapped, const Partner& partner,
                             std::string_view reference, Clock::time_point now);

/// QUERY or GET_BILL (`type`) of one payment.
nlohmann::json payment_request(std::string_view type, const Partner& partner,
                               std::string_view reference, Clock::time_point now);

/// DOI_SOAT: the platform's list of the partner's transactions of `day` (yyyyMMdd).
nlohmann::json reconciliation_request(const Partner& partner, std::string_view day,
                                      Clock::time_point now);

}  // namespace lienthong::connectors::paygov
