#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lienthong::connectors::paygov {

/// Where a payment of the hub's record is (README.md: the state machine).
enum class PaymentState {
  kInitiating,       ///< reference reserved, INIT not answered yet
  kAwaitingPayment,  ///< the platform accepted INIT; the citizen may pay
  kPaid,
  kCancelled,
  kExpired,
};

/// What moves a payment.
enum class PaymentEvent {
  kInitAccepted,  ///< INIT answered with a payment URL
  kPaid,          ///< IPN MaLoi "00", or QUERY TrangThaiGD "00"
  kCancelled,     ///< IPN MaLoi "24", or QUERY "02"
  kExpired,       ///< QUERY "03", or unpaid past its expiry
};

std::string_view to_string(PaymentState state);
std::optional<PaymentState> parse_payment_state(std::string_view text);
std::string_view to_string(PaymentEvent event);

/// One legal move: from any of `from` to `to`.
struct Transition {
  std::vector<PaymentState> from;
  PaymentState to;
};

/// The one rule of the state machine: which states `event` leaves, and where it leads. Every
/// other move is illegal; the store applies it only from one of `from` (compare and set).
Transition transition_for(PaymentEvent event);

/// How `event` finds a payment in `state`.
enum class Verdict {
  kApplies,  ///< the payment moves
  kAlready,  ///< it is already where the event leads (a repeated notice): nothing changes
  kIllegal,  ///< the event cannot happen from here (paid after cancelled...): nothing changes
};
Verdict judge(PaymentState state, PaymentEvent event);

/// States as the store keeps them (`to_string` of each).
std::vector<std::string> state_names(const std::vector<PaymentState>& states);

}  // namespace lienthong::connectors::paygov
