#include "sandbox/paygov/payment_state.hpp"

#include <gtest/gtest.h>

namespace lienthong::sandbox::paygov {
namespace {

using namespace std::chrono_literals;
using S = PaymentState;
using E = PaymentEvent;

TEST(PaygovPaymentStateTest, AwaitingPaymentMovesToEachFinalState) {
  EXPECT_EQ(*transition(S::kAwaitingPayment, E::kPay), S::kPaid);
  EXPECT_EQ(*transition(S::kAwaitingPayment, E::kCancel), S::kCancelled);
  EXPECT_EQ(*transition(S::kAwaitingPayment, E::kExpire), S::kExpired);
}

TEST(PaygovPaymentStateTest, EveryTransitionOutOfAFinalStateIsRefused) {
  for (const auto from : {S::kPaid, S::kCancelled, S::kExpired}) {
    for (const auto event : {E::kPay, E::kCancel, E::kExpire}) {
      const auto next = transition(from, event);
      ASSERT_FALSE(next) << state_name(from) << " + " << event_name(event);
      EXPECT_EQ(next.error().from, from);
      EXPECT_EQ(next.error().event, event);
    }
  }
  EXPECT_EQ(transition(S::kPaid, E::kPay).error().describe(), "payment is paid, it cannot be paid");
  EXPECT_EQ(transition(S::kCancelled, E::kPay).error().describe(),
            "payment is cancelled, it cannot be paid");
  EXPECT_EQ(transition(S::kExpired, E::kCancel).error().describe(),
            "payment is expired, it cannot be cancelled");
}

TEST(PaygovPaymentStateTest, ExpiresLazilyAtTheDeadline) {
  const TimePoint t0{std::chrono::seconds(1'750'000'000)};
  PaymentLifecycle life(t0, 900s);
  EXPECT_EQ(life.expires_at(), t0 + 900s);
  EXPECT_EQ(life.state_at(t0 + 899s), S::kAwaitingPayment);
  EXPECT_FALSE(life.settled_at());
  EXPECT_EQ(life.state_at(t0 + 900s), S::kExpired);
  EXPECT_EQ(*life.settled_at(), t0 + 900s);
  // Once expired it stays so, and neither pay nor cancel moves it.
  const auto pay = life.apply(E::kPay, t0 + 901s);
  ASSERT_FALSE(pay);
  EXPECT_EQ(pay.error().from, S::kExpired);
  EXPECT_FALSE(life.apply(E::kCancel, t0 + 901s));
  EXPECT_EQ(life.state_at(t0 + 2h), S::kExpired);
}

TEST(PaygovPaymentStateTest, PayingBeforeTheDeadlineSticksAfterIt) {
  const TimePoint t0{std::chrono::seconds(1'750'000'000)};
  PaymentLifecycle life(t0, 900s);
  ASSERT_EQ(*life.apply(E::kPay, t0 + 10s), S::kPaid);
  EXPECT_EQ(*life.settled_at(), t0 + 10s);
  EXPECT_EQ(life.state_at(t0 + 1h), S::kPaid);
  const auto again = life.apply(E::kPay, t0 + 11s);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().from, S::kPaid);
  EXPECT_FALSE(life.apply(E::kCancel, t0 + 11s));
  EXPECT_FALSE(life.apply(E::kExpire, t0 + 11s));
  EXPECT_EQ(*life.settled_at(), t0 + 10s);  // a refused event changes nothing
}

TEST(PaygovPaymentStateTest, CancelledStaysCancelled) {
  const TimePoint t0{std::chrono::seconds(1'750'000'000)};
  PaymentLifecycle life(t0, 900s);
  ASSERT_EQ(*life.apply(E::kCancel, t0 + 5s), S::kCancelled);
  EXPECT_FALSE(life.apply(E::kPay, t0 + 6s));
  EXPECT_FALSE(life.apply(E::kCancel, t0 + 6s));
  EXPECT_FALSE(life.apply(E::kExpire, t0 + 6s));
  EXPECT_EQ(life.state_at(t0 + 1h), S::kCancelled);
}

TEST(PaygovPaymentStateTest, WireCodesAndNames) {
  EXPECT_EQ(state_code(S::kPaid), "00");
  EXPECT_EQ(state_code(S::kAwaitingPayment), "01");
  EXPECT_EQ(state_code(S::kCancelled), "02");
  EXPECT_EQ(state_code(S::kExpired), "03");
  EXPECT_EQ(state_name(S::kAwaitingPayment), "awaiting_payment");
  EXPECT_TRUE(is_state_code("04"));
  EXPECT_FALSE(is_state_code("05"));
  EXPECT_FALSE(is_state_code("0"));
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
