#include "connectors/paygov/payment_state.hpp"

#include <gtest/gtest.h>

namespace lienthong::connectors::paygov {
namespace {

constexpr PaymentState kAllStates[] = {PaymentState::kInitiating, PaymentState::kAwaitingPayment,
                                       PaymentState::kPaid, PaymentState::kCancelled,
                                       PaymentState::kExpired};
constexpr PaymentEvent kAllEvents[] = {PaymentEvent::kInitAccepted, PaymentEvent::kPaid,
                                       PaymentEvent::kCancelled, PaymentEvent::kExpired};

TEST(PaymentState, NamesRoundTrip) {
  for (auto s : kAllStates) EXPECT_EQ(parse_payment_state(to_string(s)), s);
  EXPECT_EQ(parse_payment_state("refunded"), std::nullopt);
  EXPECT_EQ(to_string(PaymentState::kAwaitingPayment), "awaiting_payment");
}

TEST(PaymentState, TheLegalMoves) {
  EXPECT_EQ(judge(PaymentState::kInitiating, PaymentEvent::kInitAccepted), Verdict::kApplies);
  EXPECT_EQ(judge(PaymentState::kAwaitingPayment, PaymentEvent::kPaid), Verdict::kApplies);
  EXPECT_EQ(judge(PaymentState::kAwaitingPayment, PaymentEvent::kCancelled), Verdict::kApplies);
  EXPECT_EQ(judge(PaymentState::kAwaitingPayment, PaymentEvent::kExpired), Verdict::kApplies);
  EXPECT_EQ(transition_for(PaymentEvent::kPaid).to, PaymentState::kPaid);
}

TEST(PaymentState, ARepeatedEventChangesNothing) {
  EXPECT_EQ(judge(PaymentState::kPaid, PaymentEvent::kPaid), Verdict::kAlready);
  EXPECT_EQ(judge(PaymentState::kCancelled, PaymentEvent::kCancelled), Verdict::kAlready);
  EXPECT_EQ(judge(PaymentState::kExpired, PaymentEvent::kExpired), Verdict::kAlready);
  EXPECT_EQ(judge(PaymentState::kAwaitingPayment, PaymentEvent::kInitAccepted), Verdict::kAlready);
}

TEST(PaymentState, EveryOtherMoveIsIllegal) {
  int legal = 0;
  int already = 0;
  for (auto s : kAllStates) {
    for (auto e : kAllEvents) {
      const auto v = judge(s, e);
      legal += v == Verdict::kApplies ? 1 : 0;
      already += v == Verdict::kAlready ? 1 : 0;
    }
  }
  EXPECT_EQ(legal, 4);
  EXPECT_EQ(already, 4);
  // Named, the ones that matter most: money never moves a closed payment.
  EXPECT_EQ(judge(PaymentState::kCancelled, PaymentEvent::kPaid), Verdict::kIllegal);
  EXPECT_EQ(judge(PaymentState::kExpired, PaymentEvent::kPaid), Verdict::kIllegal);
  EXPECT_EQ(judge(PaymentState::kPaid, PaymentEvent::kCancelled), Verdict::kIllegal);
  EXPECT_EQ(judge(PaymentState::kPaid, PaymentEvent::kExpired), Verdict::kIllegal);
  EXPECT_EQ(judge(PaymentState::kInitiating, PaymentEvent::kPaid), Verdict::kIllegal);
  EXPECT_EQ(judge(PaymentState::kPaid, PaymentEvent::kInitAccepted), Verdict::kIllegal);
}

TEST(PaymentState, StoreNamesOfTheFromStates) {
  EXPECT_EQ(state_names(transition_for(PaymentEvent::kPaid).from),
            std::vector<std::string>{"awaiting_payment"});
}

}  // namespace
}  // namespace lienthong::connectors::paygov
