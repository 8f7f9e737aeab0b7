#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::sandbox::paygov {

/// How the mock notifies the partner of a payment's outcome (the tester picks it).
enum class IpnMode {
  kNormal,       ///< one IPN, resent while the answer is not 00/04 (or the call fails)
  kTwice,        ///< the same IPN twice, one after the other
  kLate,         ///< a normal IPN after `delay_ms` (default 2000)
  kBadChecksum,  ///< one IPN whose MaXacThuc is wrong
  kWrongAmount,  ///< one IPN with SoTien + 1000 (correctly signed)
  kNever,        ///< no IPN at all: the partner has to QUERY
};

/// `{"ipn": mode, "delay_ms": N}` of the tester's pay and cancel controls.
struct IpnOrder {
  IpnMode mode = IpnMode::kNormal;
  std::optional<std::chrono::milliseconds> delay;

  /// Before the first send: `delay_ms` if given, else 2000 ms for late, else none.
  [[nodiscard]] std::chrono::milliseconds first_delay() const;
};

inline constexpr std::chrono::milliseconds kDefaultLateDelay{2'000};
inline constexpr std::chrono::milliseconds kMaxDelay{600'000};

/// Parses the control's body: empty means normal; unknown keys, modes or a delay outside
/// 0–600000 are refused with JSON Pointers.
Result<IpnOrder, std::vector<FieldError>> parse_ipn_order(std::string_view body);

std::string_view mode_name(IpnMode mode);

}  // namespace lienthong::sandbox::paygov
