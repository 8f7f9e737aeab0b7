#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sandbox/paygov/vn_time.hpp"
#include "sandbox/paygov/wire.hpp"

namespace lienthong::sandbox::paygov {

/// The one partner (MaDoiTac) the mock knows and the secret of its checksums.
struct Partner {
  std::string code = "LIENTHONG";
  std::string secret = "sandbox-paygov-secret";
};

/// What every request check needs besides the message.
struct CheckContext {
  const Partner& partner;
  TimePoint now;
  /// How far a request's ThoiGianGD may be from the mock's clock either way.
  std::chrono::seconds time_window{15 * 60};
};

/// The checks every request shares once its fields are read: the partner is known (`04`),
/// then its MaXacThuc over `order` (`01`), then its ThoiGianGD is a real instant within the
/// window (`03`). nullopt when all pass.
std::optional<WireError> check_partner_and_checksum(const nlohmann::json& message,
                                                    std::span<const std::string_view> order,
                                                    const CheckContext& context);
std::optional<WireError> check_request_time(std::string_view time, const CheckContext& context);

}  // namespace lienthong::sandbox::paygov
