// follow_up(): what a QUERY answer does to a payment the hub holds, and when to ask again.
#include "connectors/paygov/payment_follow_up.hpp"

#include <gtest/gtest.h>

#include "connectors/paygov/payment_event.hpp"

namespace lienthong::connectors::paygov {
namespace {

using std::chrono::seconds;
using Kind = FollowUp::Kind;

const Clock::time_point kNow = *parse_platform_time("20261206120000");  // 12:00 +07:00

FollowUp ask(PaymentState state, std::string_view platform, std::string_view expires) {
  return follow_up(state, platform, expires, kNow, seconds(300), seconds(60));
}

TEST(PaymentFollowUp, ThePlatformsOutcomeMovesAnAwaitingPaymentAsANoticeWould) {
  const auto paid = ask(PaymentState::kAwaitingPayment, "00", "20261206121500");
  EXPECT_EQ(paid.kind, Kind::kMove);
  EXPECT_EQ(paid.event, PaymentEvent::kPaid);
  EXPECT_EQ(paid.cause, "query");
  EXPECT_EQ(ask(PaymentState::kAwaitingPayment, "02", "").event, PaymentEvent::kCancelled);
  EXPECT_EQ(ask(PaymentState::kAwaitingPayment, "03", "").event, PaymentEvent::kExpired);
}

TEST(PaymentFollowUp, ASettledPaymentIsNeverMovedAgain) {
  for (auto state : {PaymentState::kPaid, PaymentState::kCancelled, PaymentState::kExpired,
                     PaymentState::kInitiating}) {
    for (auto platform : {"00", "01", "02", "03"}) {
      EXPECT_EQ(ask(state, platform, "20261206110000").kind, Kind::kSettled)
          << to_string(state) << " " << platform;
    }
  }
}

TEST(PaymentFollowUp, StillAwaitingIsAskedAgainNoLaterThanItsExpiry) {
  // Expires 12:15 + 60 s grace: 960 s away, asked again within the 300 s cadence.
  auto f = ask(PaymentState::kAwaitingPayment, "01", "20261206121500");
  EXPECT_EQ(f.kind, Kind::kAskAgain);
  EXPECT_EQ(f.ask_again_in, seconds(300));
  // Expires 12:00:30 + 60 s: asked again right at the end of the grace.
  f = ask(PaymentState::kAwaitingPayment, "01", "20261206120030");
  EXPECT_EQ(f.ask_again_in, seconds(90));
  // No known expiry: the cadence.
  EXPECT_EQ(ask(PaymentState::kAwaitingPayment, "01", "").ask_again_in, seconds(300));
}

TEST(PaymentFollowUp, UnpaidPastExpiryAndGraceHasExpired) {
  const auto f = ask(PaymentState::kAwaitingPayment, "01", "20261206115900");  // 11:59 + 60 s
  EXPECT_EQ(f.kind, Kind::kMove);
  EXPECT_EQ(f.event, PaymentEvent::kExpired);
  EXPECT_EQ(f.cause, "expiry");
  // One second inside the grace: asked once more.
  EXPECT_EQ(ask(PaymentState::kAwaitingPayment, "01", "20261206115901").kind, Kind::kAskAgain);
}

TEST(PaymentFollowUp, RefundedOrUnknownCodesAreLeftToAnOperator) {
  EXPECT_EQ(ask(PaymentState::kAwaitingPayment, "04", "").kind, Kind::kSettled);
  EXPECT_EQ(ask(PaymentState::kAwaitingPayment, "", "").kind, Kind::kSettled);
  EXPECT_EQ(ask(PaymentState::kAwaitingPayment, "99", "").kind, Kind::kSettled);
}

PaymentData paid_data() {
  PaymentData d;
  d.dossier_code = "000.00.01.H22-261201-0001";
  d.amount = 100000;
  d.paid_at = "20261206141000";
  d.bank_transaction_id = "BANK-1";
  return d;
}

// The same fields the notice's mapping writes (mappings/paygov/inbound/payment-notice.*).
TEST(PaymentEvent, EachEventCarriesItsOwnTime) {
  const auto at = *parse_platform_time("20261206150000");
  EXPECT_EQ(payment_event(PaymentEvent::kPaid, "REF-1", paid_data(), at),
            (nlohmann::json{{"event", "payment-paid"},
                            {"paymentId", "REF-1"},
                            {"dossierCode", "000.00.01.H22-261201-0001"},
                            {"amount", 100000},
                            {"paidAt", "2026-12-06T14:10:00+07:00"},
                            {"bankTransactionId", "BANK-1"}}));
  EXPECT_EQ(payment_event(PaymentEvent::kCancelled, "REF-1", paid_data(), at),
            (nlohmann::json{{"event", "payment-cancelled"},
                            {"paymentId", "REF-1"},
                            {"dossierCode", "000.00.01.H22-261201-0001"},
                            {"amount", 100000},
                            {"cancelledAt", "2026-12-06T15:00:00+07:00"}}));
  const auto expired = payment_event(PaymentEvent::kExpired, "REF-1", paid_data(), at);
  EXPECT_EQ(expired["event"], "payment-expired");
  EXPECT_EQ(expired["expiredAt"], "2026-12-06T15:00:00+07:00");
  EXPECT_FALSE(expired.contains("paidAt"));
}

}  // namespace
}  // namespace lienthong::connectors::paygov
