#include "sandbox/kyso/remote_signing_api.hpp"

#include "core/base/base64.hpp"
#include "core/base/digest.hpp"
#include "core/log/log.hpp"
#include "sandbox/kyso/hash_signer.hpp"
#include "sandbox/kyso/wire.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace bhttp = http::beast::http;

http::Response envelope(const http::Request& request, int status, std::string_view message,
                        nlohmann::json data = nullptr) {
  return json_response(request, static_cast<bhttp::status>(status),
                       {{"status_code", status}, {"message", message}, {"data", std::move(data)}});
}

http::Response refused(const http::Request& request, const ApiError& error) {
  return envelope(request, error.status, error.message);
}

// `{tran_id}` of `/v1/signatures/sign/{tran_id}/status`; nullopt for any other path.
std::optional<std::string_view> status_tran_id(std::string_view path) {
  const std::string prefix = std::string(kSignPath) + "/";
  if (!path.starts_with(prefix) || !path.ends_with(kStatusSuffix)) return std::nullopt;
  if (path.size() <= prefix.size() + kStatusSuffix.size()) return std::nullopt;
  const auto id = path.substr(prefix.size(), path.size() - prefix.size() - kStatusSuffix.size());
  if (id.find('/') != std::string_view::npos) return std::nullopt;
  return id;
}

bool same_serial(std::string_view asked, const SignerCertificate& cert) {
  const auto ours = normalise_serial(cert.serial_hex);
  return ours && *ours == asked;
}

nlohmann::json certificate_json(const SignerCertificate& cert, const SignerKeyring& keys,
                                std::time_t now) {
  return {{"cert_id", cert.cert_id},
          {"cert_status", to_string(cert.status_at(now))},
          {"serial_number", cert.serial_hex},
          {"cert_subject", cert.subject},
          {"cert_valid_from", cert.valid_from},
          {"cert_valid_to", cert.valid_to},
          {"cert_data", cert.der_base64},
          {"chain_data", {{"ca_cert", keys.ca_cert()}, {"root_cert", keys.root_cert()}}}};
}

}  // namespace

RemoteSigningApi::RemoteSigningApi(SignerAccounts accounts, SignerKeyring keys,
                                   RemoteSigningOptions options)
    : accounts_(std::move(accounts)),
      keys_(std::move(keys)),
      options_(std::move(options)),
      transactions_(std::make_shared<SigningTransactions>(options_.timing, options_.clock)) {}

bool RemoteSigningApi::owns(std::string_view path) {
  return path.starts_with(kApiPrefix);
}

std::time_t RemoteSigningApi::wall_now() const {
  return options_.wall_clock ? options_.wall_clock() : std::time(nullptr);
}

http::Response RemoteSigningApi::injected_failure(const http::Request& request) {
  return envelope(request, 500, "internal error");
}

http::Response RemoteSigningApi::unavailable(const http::Request& request) {
  return envelope(request, 503,
                  "remote signing unavailable: this dev PKI has no signer certificates "
                  "(signer-an.pem ...); remove certs/dev and run certs/gen-dev-pki.sh");
}

http::Response RemoteSigningApi::handle(const http::Request& request,
                                        std::optional<FaultMode> signature_fault) {
  const std::string_view target = request.target();
  const auto path = target.substr(0, target.find('?'));
  const auto tran_id = status_tran_id(path);
  if (path != kGetCertificatePath && path != kSignPath && !tran_id) {
    return envelope(request, 404,
                    "no such resource; the API has POST /v1/credentials/get_certificate, "
                    "/v1/signatures/sign and /v1/signatures/sign/{tran_id}/status");
  }
  if (request.method() != bhttp::verb::post) {
    auto response = envelope(request, 405, "method not allowed; use POST");
    response.set(bhttp::field::allow, "POST");
    return response;
  }
  auto body = read_json_body(request);
  if (!body) return refused(request, body.error());
  if (!has_sp_credentials(*body, options_.sp)) {
    return envelope(request, 401, kInvalidSpCredentials);
  }
  if (path == kGetCertificatePath) return get_certificate(request, *body);
  if (path == kSignPath) return sign(request, *body);
  return status(request, *tran_id, *body, signature_fault);
}

http::Response RemoteSigningApi::get_certificate(const http::Request& request,
                                                 const nlohmann::json& body) const {
  auto query = read_certificate_query(body);
  if (!query) return refused(request, query.error());
  const auto* cert = accounts_.find(query->user_id) ? keys_.of(query->user_id) : nullptr;
  if (cert == nullptr) return envelope(request, 404, kUnknownUser);
  if (query->serial_number && !same_serial(*query->serial_number, *cert)) {
    return envelope(request, 404, kUnknownCertificate);
  }
  nlohmann::json list = nlohmann::json::array({certificate_json(*cert, keys_, wall_now())});
  return envelope(request, 200, kSuccess, {{"user_certificates", std::move(list)}});
}

http::Response RemoteSigningApi::sign(const http::Request& request, const nlohmann::json& body) {
  auto order = read_sign_order(body);
  if (!order) return refused(request, order.error());
  const auto& content = order->content;
  const auto* account = accounts_.find(content.user_id);
  const auto* cert = account != nullptr ? keys_.of(content.user_id) : nullptr;
  if (cert == nullptr) return envelope(request, 404, kUnknownUser);
  if (!same_serial(content.serial_number, *cert)) {
    return envelope(request, 404, kUnknownCertificate);
  }
  switch (cert->status_at(wall_now())) {
    case CertStatus::kRevoked:
      return envelope(request, 400, kCertificateRevoked);
    case CertStatus::kExpired:
      return envelope(request, 400, kCertificateExpired);
    case CertStatus::kValid:
      break;
  }
  const auto files = content.files.size();
  auto begun =
      transactions_->begin(order->transaction_id, std::move(order->content), account->behaviour);
  if (begun.outcome == SigningTransactions::Outcome::kConflict) {
    return envelope(request, 409, kTransactionConflict);
  }
  if (begun.outcome == SigningTransactions::Outcome::kStarted) {
    // No user_id, name or caller's id here: only the CA's own transaction id.
    log::info("sandbox.kyso_sign_started",
              {{"tran_id", begun.transaction.tran_id}, {"files", std::to_string(files)}});
  }
  return envelope(
      request, 200, kSuccess,
      {{"transaction_id", begun.transaction.tran_id}, {"tran_code", begun.transaction.tran_code}});
}

nlohmann::json RemoteSigningApi::signatures(const SigningTransaction& transaction,
                                            std::optional<FaultMode> signature_fault) const {
  const auto* cert = keys_.of(transaction.content.user_id);
  if (signature_fault == FaultMode::kBadSignature) {
    cert = keys_.other_than(transaction.content.user_id);
  }
  if (cert == nullptr) return nullptr;
  auto list = nlohmann::json::array();
  for (const auto& file : transaction.content.files) {
    auto digest = digest_from_hex(file.data_to_be_signed);
    if (!digest) return nullptr;
    if (transaction.behaviour == SignerBehaviour::kWrongSignature && !transaction.tester_answered) {
      // A real signature by the right key, of another hash: well-formed, and it fails. A
      // tester's explicit approval signs correctly.
      digest = digest_from_hex(sha256_hex(*digest));
    }
    auto value = sign_sha256_digest(cert->identity.key(), *digest);
    if (!value) return nullptr;
    if (signature_fault == FaultMode::kTampered) value->back() ^= 0x01;
    if (signature_fault == FaultMode::kUnsigned) value->clear();
    list.push_back({{"doc_id", file.doc_id},
                    {"signature_value", base64_encode(*value)},
                    {"timestamp_signature", nullptr}});
  }
  return list;
}

http::Response RemoteSigningApi::status(const http::Request& request, std::string_view tran_id,
                                        const nlohmann::json& body,
                                        std::optional<FaultMode> signature_fault) {
  if (auto query = read_status_query(body); !query) return refused(request, query.error());
  const auto transaction = transactions_->poll(tran_id);
  if (!transaction) return envelope(request, 404, kUnknownTransaction);
  const auto status = to_string(transaction->status);
  nlohmann::json data = {{"transaction_id", transaction->tran_id}, {"status", status}};
  if (transaction->status == SigningStatus::kSuccess) {
    auto list = signatures(*transaction, signature_fault);
    if (list.is_null()) return envelope(request, 500, "the CA could not sign");
    data["signatures"] = std::move(list);
  }
  return envelope(request, 200, status, std::move(data));
}

}  // namespace lienthong::sandbox::kyso
