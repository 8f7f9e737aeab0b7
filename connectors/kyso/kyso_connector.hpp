#pragma once

#include <memory>

#include "connectors/http/outgoing.hpp"
#include "connectors/kyso/ca_wire.hpp"
#include "connectors/kyso/document_signing.hpp"
#include "connectors/kyso/signer_certificate.hpp"
#include "connectors/kyso/signing_record.hpp"
#include "core/pipeline/connector.hpp"
#include "core/store/record.hpp"

namespace lienthong::pipeline {
class RecordDesk;
class TimestampClient;
}  // namespace lienthong::pipeline

namespace lienthong::connectors {

/// kUnavailable for a signing step to be tried again later (sign_document.cpp).
Problem kyso_not_now(std::string reason);

/// Connector type `kyso`: a remote-signing CA (SmartCA-style; README.md). Two operations:
/// - `get-certificate`: the CA's list of a signer's certificates, each checked by the hub
///   itself (chain to `signing.trust_anchors`, then OCSP) before it answers.
/// - `sign-document` (`respond: async`): the document is checked on arrival (admit), then, in
///   the durable queue, one step per attempt of the record kind "signature"
///   (signing_record.hpp): check the signer, prepare the document and ask the CA to sign its
///   digest (`sign_type: "hash"`, `transaction_id` = the message id, so a repeated request is
///   the same transaction at the CA); poll the CA while the signer has not answered; verify the
///   value against the certificate and the digest, timestamp it (the hub's TSA), embed it and
///   store the signed file (`GET /v1/documents/{id}`). GET /v1/messages/{id} shows
///   `awaiting_approval` with the CA's transaction meanwhile (progress()).
/// - `verify-document` (optional): the hub's verdict on a signed PDF, XML or CMS, per signature
///   (signer, times, intact, whole document, chain, OCSP) — nothing is sent to the CA.
class KysoConnector final : public pipeline::Connector {
 public:
  static constexpr std::string_view kName = "kyso";
  static constexpr std::string_view kGetCertificate = "get-certificate";
  static constexpr std::string_view kSignDocument = "sign-document";
  static constexpr std::string_view kVerifyDocument = "verify-document";

  static Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make(
      const config::ConnectorConfig& config, const pipeline::ConnectorContext& context);

  KysoConnector(config::ConnectorConfig config, Endpoint endpoint, http::HttpClient* client,
                std::shared_ptr<const pipeline::RecordDesk> records,
                std::shared_ptr<const pipeline::TimestampClient> timestamps,
                kyso::SignerTrust trust);

  [[nodiscard]] boost::asio::awaitable<Result<pipeline::WireResponse>> call(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const override;

  [[nodiscard]] bool admits(std::string_view operation) const override;
  [[nodiscard]] boost::asio::awaitable<Result<void>> admit(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const override;
  [[nodiscard]] boost::asio::awaitable<std::optional<nlohmann::json>> progress(
      const store::MessageStatus& status) const override;

 private:
  boost::asio::awaitable<Result<pipeline::WireResponse>> get_certificate(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const;
  /// The hub's verdict on a signed document, made here without the CA (verify_document.cpp).
  boost::asio::awaitable<Result<pipeline::WireResponse>> verify_document(
      const pipeline::Exchange& exchange) const;
  /// One step of a queued signature (sign_document.cpp).
  boost::asio::awaitable<Result<pipeline::WireResponse>> sign_document(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const;
  /// The signer's certificate to sign with, and the hub's verdict on it.
  struct CheckedSigner {
    kyso::SignerCertificate signer;
    kyso::Verdict verdict;
  };
  boost::asio::awaitable<Result<CheckedSigner>> checked_signer(const pipeline::Exchange& exchange,
                                                               const std::string& user_id,
                                                               const std::string& serial) const;
  /// First step: check the signer, prepare the document, create the record `requested`.
  boost::asio::awaitable<Result<store::StateRecord>> start(const config::OperationConfig& operation,
                                                           const pipeline::Exchange& exchange,
                                                           const kyso::SignRequest& request) const;
  /// `requested`: the sign request (again: the CA answers the same transaction).
  boost::asio::awaitable<Result<pipeline::WireResponse>> request_signature(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange,
      const kyso::SignRequest& request, const store::StateRecord& record) const;
  /// `awaiting_approval`: asks the CA; moves the record on its answer.
  boost::asio::awaitable<Result<pipeline::WireResponse>> poll(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange,
      const kyso::SignRequest& request, const store::StateRecord& record) const;
  /// `approved`: timestamp, embed, store the document, `signed`.
  boost::asio::awaitable<Result<pipeline::WireResponse>> finish(
      const pipeline::Exchange& exchange, const kyso::SignRequest& request,
      const store::StateRecord& record) const;
  /// Moves the record `from` → `to` with `data`; the record after it. kUnavailable (tried again,
  /// reading the record anew) when it was no longer `from`.
  boost::asio::awaitable<Result<store::StateRecord>> move(const std::string& id,
                                                          std::string_view from,
                                                          std::string_view to,
                                                          const kyso::SigningData& data,
                                                          std::string cause) const;
  /// POSTs `fields` (with the account) to `path`; the CA's `data`.
  boost::asio::awaitable<Result<nlohmann::json>> send(const config::OperationConfig& operation,
                                                      const pipeline::Exchange& exchange,
                                                      const std::string& path,
                                                      nlohmann::json fields) const;

  config::ConnectorConfig config_;
  Endpoint endpoint_;
  http::HttpClient* client_;
  std::shared_ptr<const pipeline::RecordDesk> records_;
  std::shared_ptr<const pipeline::TimestampClient> timestamps_;
  kyso::SignerTrust trust_;
  kyso::Account account_;
};

}  // namespace lienthong::connectors
