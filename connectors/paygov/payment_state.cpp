#include "connectors/paygov/payment_state.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace lienthong::connectors::paygov {
namespace {

constexpr std::array<std::pair<PaymentState, std::string_view>, 5> kStates{{
    {PaymentState::kInitiating, "initiating"},
    {PaymentState::kAwaitingPayment, "awaiting_payment"},
    {PaymentState::kPaid, "paid"},
    {PaymentState::kCancelled, "cancelled"},
    {PaymentState::kExpired, "expired"},
}};

}  // namespace

std::string_view to_string(PaymentState state) {
  for (const auto& [s, name] : kStates) {
    if (s == state) return name;
  }
  return "initiating";
}

std::optional<PaymentState> parse_payment_state(std::string_view text) {
  for (const auto& [s, name] : kStates) {
    if (name == text) return s;
  }
  return std::nullopt;
}

std::string_view to_string(PaymentEvent event) {
  switch (event) {
    case PaymentEvent::kInitAccepted:
      return "init_accepted";
    case PaymentEvent::kPaid:
      return "paid";
    case PaymentEvent::kCancelled:
      return "cancelled";
    case PaymentEvent::kExpired:
      return "expired";
  }
  return "paid";
}

Transition transition_for(PaymentEvent event) {
  switch (event) {
    case PaymentEvent::kInitAccepted:
      return {{PaymentState::kInitiating}, PaymentState::kAwaitingPayment};
    case PaymentEvent::kPaid:
      return {{PaymentState::kAwaitingPayment}, PaymentState::kPaid};
    case PaymentEvent::kCancelled:
      return {{PaymentState::kAwaitingPayment}, PaymentState::kCancelled};
    case PaymentEvent::kExpired:
      return {{PaymentState::kAwaitingPayment}, PaymentState::kExpired};
  }
  return {{}, PaymentState::kInitiating};
}

Verdict judge(PaymentState state, PaymentEvent event) {
  const auto t = transition_for(event);
  if (std::find(t.from.begin(), t.from.end(), state) != t.from.end()) return Verdict::kApplies;
  if (state == t.to) return Verdict::kAlready;
  return Verdict::kIllegal;
}

std::vector<std::string> state_names(const std::vector<PaymentState>& states) {
  std::vector<std::string> out;
  out.reserve(states.size());
  for (auto s : states) out.emplace_back(to_string(s));
  return out;
}

}  // namespace lienthong::connectors::paygov
