#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/http/types.hpp"
#include "sandbox/kyso/signing_transactions.hpp"

namespace lienthong::sandbox::kyso {

/// The kyso mock's own part of the testers' control API (not logged, never faulted):
/// `GET /_sandbox/kyso/transactions` lists every signing transaction, oldest first —
/// `[{transaction_id, tran_id, tran_code, user_id, sign_requests, conflicts, status_polls,
/// approvals, status, doc_ids}]` (personal data: a tester's view, never a log line); `DELETE`
/// forgets them (204). `POST /_sandbox/sign/{tran_id}/approve` and `.../reject` answer on the
/// holder's phone now, whatever the holder's behaviour and the approval delay (an ignore holder
/// included): 200 with the transaction as listed (status SUCCESS / REJECTED, final; an approval
/// signs correctly, even for a `wrong_signature` holder); 404 unknown tran_id; 409 when it had
/// already ended (SUCCESS, REJECTED, EXPIRED); 405 another method (`Allow: POST`); another
/// path under `/_sandbox/sign/` 404. `/_sandbox/requests` and `/_sandbox/faults` are the shared
/// control API's (nullopt here).
class TesterControls {
 public:
  /// `transactions` null: the remote-signing API is unavailable (old dev PKI): 503.
  explicit TesterControls(std::shared_ptr<SigningTransactions> transactions);

  /// The answer to a control request of this mock, nullopt for any other request.
  std::optional<http::Response> handle(const http::Request& request) const;

 private:
  http::Response transactions_route(const http::Request& request) const;
  http::Response answer_route(const http::Request& request, std::string_view rest) const;

  std::shared_ptr<SigningTransactions> transactions_;
};

/// One transaction as the control route shows it.
nlohmann::json to_json(const SigningTransaction& transaction);

}  // namespace lienthong::sandbox::kyso
