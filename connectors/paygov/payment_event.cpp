#include "connectors/paygov/payment_event.hpp"

namespace lienthong::connectors::paygov {

nlohmann::json payment_event(PaymentEvent event, std::string_view reference,
                             const PaymentData& data, Clock::time_point at) {
  nlohmann::json e = {
      {"paymentId", reference}, {"dossierCode", data.dossier_code}, {"amount", data.amount}};
  switch (event) {
    case PaymentEvent::kPaid: {
      e["event"] = "payment-paid";
      const auto paid = parse_platform_time(data.paid_at);
      e["paidAt"] = local_iso8601(paid.value_or(at));
      if (!data.bank_transaction_id.empty()) e["bankTransactionId"] = data.bank_transaction_id;
      break;
    }
    case PaymentEvent::kCancelled:
      e["event"] = "payment-cancelled";
      e["cancelledAt"] = local_iso8601(at);
      break;
    case PaymentEvent::kExpired:
    case PaymentEvent::kInitAccepted:  // never pushed: INIT is the caller's own answer
      e["event"] = "payment-expired";
      e["expiredAt"] = local_iso8601(at);
      break;
  }
  return e;
}

}  // namespace lienthong::connectors::paygov
