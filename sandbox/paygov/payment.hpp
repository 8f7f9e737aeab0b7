#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sandbox/paygov/init_message.hpp"
#include "sandbox/paygov/payment_state.hpp"

namespace lienthong::sandbox::paygov {

/// One IPN delivery the mock made and what came back (the tester's view).
struct IpnAttempt {
  TimePoint at;
  std::string mode;         ///< normal, twice, late, bad-checksum, wrong-amount
  std::string ma_loi;       ///< MaLoi sent (00 paid, 24 cancelled)
  int attempt = 1;          ///< 1 for the first send, 2.. for resends and the second of "twice"
  int http_status = 0;      ///< 0 when no answer came
  std::string error;        ///< why the call or its answer was refused, empty when fine
  std::string answer_code;  ///< the answer's MaLoi
  bool answer_verified = false;  ///< the answer's MaXacThuc matched
  std::string answer_body;       ///< as received (cut at 4 KiB)
};

/// What the platform knows of one payment: its INIT, its state and the IPNs it sent.
struct Payment {
  InitRequest init;
  PaymentLifecycle lifecycle;
  PaymentState state = PaymentState::kAwaitingPayment;  ///< as of the snapshot
  std::string transaction_id;                           ///< MaGiaoDich, set when paid
  std::vector<IpnAttempt> ipn;
};

/// `GET /_sandbox/payments/{ref}`: the record, personal data included (a tester's view, never
/// a log line).
nlohmann::json to_json(const Payment& payment);
nlohmann::json to_json(const IpnAttempt& attempt);

}  // namespace lienthong::sandbox::paygov
