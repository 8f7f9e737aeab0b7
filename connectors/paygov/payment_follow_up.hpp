#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "connectors/paygov/payment_state.hpp"
#include "connectors/paygov/platform_time.hpp"

namespace lienthong::connectors::paygov {

/// What the platform's answer to a QUERY (its `TrangThaiGD`) means for a payment the hub holds
/// in `state` — the rule of recovering a notice that never came (README.md: lost notices).
struct FollowUp {
  enum class Kind {
    kMove,      ///< the payment moves by `event`, as a notice would have moved it
    kSettled,   ///< nothing to do: the hub already knows its outcome, or the platform's is none
    kAskAgain,  ///< still awaiting payment and not expired: ask again in `ask_again_in`
  };
  Kind kind = Kind::kSettled;
  PaymentEvent event = PaymentEvent::kPaid;
  std::string cause;  ///< kMove: "query" (the platform said so) or "expiry" (unpaid past it)
  std::chrono::seconds ask_again_in{0};
};

/// `expires_at` is the payment's ThoiHanThanhToan (yyyyMMddHHmmss; empty: unknown, never
/// expires by itself); a payment unpaid at `expires_at + grace` has expired. `every` is the
/// longest wait before the next question.
FollowUp follow_up(PaymentState state, std::string_view platform_state, std::string_view expires_at,
                   Clock::time_point now, std::chrono::seconds every, std::chrono::seconds grace);

/// The event a platform state (`TrangThaiGD`: 00 paid, 02 cancelled, 03 expired) is; none for
/// 01 (awaiting), 04 (refunded) and anything else.
std::optional<PaymentEvent> event_of_platform_state(std::string_view platform_state);

}  // namespace lienthong::connectors::paygov
