#pragma once

#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "sandbox/paygov/vn_time.hpp"

namespace lienthong::sandbox::paygov {

/// Where one payment (one MaThamChieu) stands. Awaiting payment is the only state that moves;
/// the three others are final.
enum class PaymentState { kAwaitingPayment, kPaid, kCancelled, kExpired };

/// What can happen to a payment: the payer pays or cancels, or its time runs out.
enum class PaymentEvent { kPay, kCancel, kExpire };

/// An event the state does not allow (paying a cancelled payment, ...), as a value.
struct IllegalTransition {
  PaymentState from;
  PaymentEvent event;
  /// "payment is cancelled, it cannot be paid" (English, for the tester's control API).
  [[nodiscard]] std::string describe() const;
};

/// The one transition rule: awaiting_payment -> paid | cancelled | expired; nothing else.
Result<PaymentState, IllegalTransition> transition(PaymentState from, PaymentEvent event);

/// A payment's state with its deadline: once `expires_at` has passed, a payment still awaiting
/// payment is expired, whoever looks (the mock expires lazily, no timer). Pure: `now` is given.
class PaymentLifecycle {
 public:
  PaymentLifecycle(TimePoint created_at, std::chrono::seconds expiry);

  /// The state as of `now` (applies the expiry when it is due).
  PaymentState state_at(TimePoint now);
  /// Applies `event` at `now`, after a due expiry; on refusal nothing changes.
  Result<PaymentState, IllegalTransition> apply(PaymentEvent event, TimePoint now);

  [[nodiscard]] TimePoint created_at() const { return created_at_; }
  [[nodiscard]] TimePoint expires_at() const { return expires_at_; }
  /// When it left awaiting payment (paid, cancelled or expired), if it has.
  [[nodiscard]] std::optional<TimePoint> settled_at() const { return settled_at_; }

 private:
  PaymentState state_ = PaymentState::kAwaitingPayment;
  TimePoint created_at_;
  TimePoint expires_at_;
  std::optional<TimePoint> settled_at_;
};

/// `awaiting_payment`, `paid`, `cancelled`, `expired` (the tester's views).
std::string_view state_name(PaymentState state);
std::string_view event_name(PaymentEvent event);
/// `TrangThaiGD` of QUERY and DOI_SOAT: 00 paid, 01 awaiting, 02 cancelled, 03 expired.
std::string_view state_code(PaymentState state);
/// True for the TrangThaiGD codes of WIRE.md, `04` (refunded) included.
bool is_state_code(std::string_view code);

}  // namespace lienthong::sandbox::paygov
