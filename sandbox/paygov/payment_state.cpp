#include "sandbox/paygov/payment_state.hpp"

namespace lienthong::sandbox::paygov {

std::string IllegalTransition::describe() const {
  std::string verb;
  switch (event) {
    case PaymentEvent::kPay:
      verb = "paid";
      break;
    case PaymentEvent::kCancel:
      verb = "cancelled";
      break;
    case PaymentEvent::kExpire:
      verb = "expired";
      break;
  }
  return "payment is " + std::string(state_name(from)) + ", it cannot be " + verb;
}

Result<PaymentState, IllegalTransition> transition(PaymentState from, PaymentEvent event) {
  if (from != PaymentState::kAwaitingPayment) return IllegalTransition{from, event};
  switch (event) {
    case PaymentEvent::kPay:
      return PaymentState::kPaid;
    case PaymentEvent::kCancel:
      return PaymentState::kCancelled;
    case PaymentEvent::kExpire:
      return PaymentState::kExpired;
  }
  return IllegalTransition{from, event};
}

PaymentLifecycle::PaymentLifecycle(TimePoint created_at, std::chrono::seconds expiry)
    : created_at_(created_at), expires_at_(created_at + expiry) {}

PaymentState PaymentLifecycle::state_at(TimePoint now) {
  if (state_ == PaymentState::kAwaitingPayment && now >= expires_at_) {
    state_ = PaymentState::kExpired;
    settled_at_ = expires_at_;
  }
  return state_;
}

Result<PaymentState, IllegalTransition> PaymentLifecycle::apply(PaymentEvent event, TimePoint now) {
  auto next = transition(state_at(now), event);
  if (next) {
    state_ = *next;
    settled_at_ = now;
  }
  return next;
}

std::string_view state_name(PaymentState state) {
  switch (state) {
    case PaymentState::kAwaitingPayment:
      return "awaiting_payment";
    case PaymentState::kPaid:
      return "paid";
    case PaymentState::kCancelled:
      return "cancelled";
    case PaymentState::kExpired:
      return "expired";
  }
  return "unknown";
}

std::string_view event_name(PaymentEvent event) {
  switch (event) {
    case PaymentEvent::kPay:
      return "pay";
    case PaymentEvent::kCancel:
      return "cancel";
    case PaymentEvent::kExpire:
      return "expire";
  }
  return "unknown";
}

std::string_view state_code(PaymentState state) {
  switch (state) {
    case PaymentState::kPaid:
      return "00";
    case PaymentState::kAwaitingPayment:
      return "01";
    case PaymentState::kCancelled:
      return "02";
    case PaymentState::kExpired:
      return "03";
  }
  return "01";
}

bool is_state_code(std::string_view code) {
  return code == "00" || code == "01" || code == "02" || code == "03" || code == "04";
}

}  // namespace lienthong::sandbox::paygov
