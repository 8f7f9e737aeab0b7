#include "connectors/paygov/payment_follow_up.hpp"

#include <algorithm>

namespace lienthong::connectors::paygov {

std::optional<PaymentEvent> event_of_platform_state(std::string_view platform_state) {
  if (platform_state == "00") return PaymentEvent::kPaid;
  if (platform_state == "02") return PaymentEvent::kCancelled;
  if (platform_state == "03") return PaymentEvent::kExpired;
  return std::nullopt;
}

FollowUp follow_up(PaymentState state, std::string_view platform_state, std::string_view expires_at,
                   Clock::time_point now, std::chrono::seconds every, std::chrono::seconds grace) {
  FollowUp f;
  if (state != PaymentState::kAwaitingPayment) return f;  // a notice (or a query) came first
  if (const auto event = event_of_platform_state(platform_state)) {
    f.kind = FollowUp::Kind::kMove;
    f.event = *event;
    f.cause = "query";
    return f;
  }
  if (platform_state != "01") return f;  // refunded or unknown: an operator's question, logged
  const auto expiry = parse_platform_time(expires_at);
  if (expiry && now >= *expiry + grace) {
    f.kind = FollowUp::Kind::kMove;
    f.event = PaymentEvent::kExpired;
    f.cause = "expiry";
    return f;
  }
  f.kind = FollowUp::Kind::kAskAgain;
  f.ask_again_in = every;
  if (expiry) {
    const auto until_expired = std::chrono::ceil<std::chrono::seconds>(*expiry + grace - now);
    f.ask_again_in = std::clamp(until_expired, std::chrono::seconds(1), every);
  }
  return f;
}

}  // namespace lienthong::connectors::paygov
