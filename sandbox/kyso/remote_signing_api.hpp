#pragma once

#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "core/http/types.hpp"
#include "sandbox/faults.hpp"
#include "sandbox/kyso/signer_accounts.hpp"
#include "sandbox/kyso/signer_keys.hpp"
#include "sandbox/kyso/signing_requests.hpp"
#include "sandbox/kyso/signing_transactions.hpp"

namespace lienthong::sandbox::kyso {

struct RemoteSigningOptions {
  SpAccount sp{"lienthong-dev", "sandbox-kyso-password"};
  SigningTiming timing;
  SigningTransactions::Clock clock;         ///< the holders' timing; default steady_clock
  std::function<std::time_t()> wall_clock;  ///< certificate validity; default std::time
};

/// The CA's remote-signing API (SmartCA-style), without HTTP I/O: `POST
/// /v1/credentials/get_certificate`, `POST /v1/signatures/sign` and `POST
/// /v1/signatures/sign/{tran_id}/status`, every answer the JSON envelope `{status_code,
/// message, data}` with HTTP status = status_code (kyso/README.md has the contract). The holder
/// "approves on the phone" as their account's behaviour says, timed from the first sign request;
/// a sign request is idempotent by the caller's transaction_id. Thread-safe.
class RemoteSigningApi {
 public:
  RemoteSigningApi(SignerAccounts accounts, SignerKeyring keys, RemoteSigningOptions options);

  /// True for the paths this API owns (everything under /v1/).
  static bool owns(std::string_view path);

  /// Answers one request under /v1/. With a message-security fault a SUCCESS status answer
  /// carries spoiled signatures (`bad-signature`: another holder's key; `tampered`: one bit
  /// flipped; `unsigned`: empty values); the transaction itself keeps its good ones.
  http::Response handle(const http::Request& request,
                        std::optional<FaultMode> signature_fault = std::nullopt);

  /// The envelope of an injected `http500`: HTTP 500, status_code 500.
  static http::Response injected_failure(const http::Request& request);
  /// 503 for a sandbox whose dev PKI predates the signer certificates (says what to run).
  static http::Response unavailable(const http::Request& request);

  [[nodiscard]] const std::shared_ptr<SigningTransactions>& transactions() const {
    return transactions_;
  }

 private:
  http::Response get_certificate(const http::Request& request, const nlohmann::json& body) const;
  http::Response sign(const http::Request& request, const nlohmann::json& body);
  http::Response status(const http::Request& request, std::string_view tran_id,
                        const nlohmann::json& body, std::optional<FaultMode> signature_fault);
  [[nodiscard]] nlohmann::json signatures(const SigningTransaction& transaction,
                                          std::optional<FaultMode> signature_fault) const;
  [[nodiscard]] std::time_t wall_now() const;

  SignerAccounts accounts_;
  SignerKeyring keys_;
  RemoteSigningOptions options_;
  std::shared_ptr<SigningTransactions> transactions_;
};

}  // namespace lienthong::sandbox::kyso
