#include "connectors/kyso/kyso_connector.hpp"

#include "core/http/client.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/record_desk.hpp"
#include "core/pipeline/stages/ocsp_transport.hpp"
#include "core/pipeline/stages/timestamp_client.hpp"
#include "core/security/certificates/certificates.hpp"

namespace lienthong::connectors {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr std::string_view kJson = "application/json; charset=utf-8";
constexpr auto kOcspTimeout = 3s;

config::ConfigError located(const config::ConnectorConfig& c, const std::string& key,
                            std::string reason) {
  return {c.file.string(), 0, key, std::move(reason)};
}

Result<kyso::SignerTrust, config::ConfigErrors> load_trust(const config::ConnectorConfig& c,
                                                           const config::SigningConfig& s,
                                                           http::HttpClient* client) {
  config::ConfigErrors errors;
  auto anchors = security::load_certificates(s.trust_anchors);
  if (!anchors) errors.push_back(located(c, "signing.trust_anchors", anchors.error().to_string()));
  auto intermediates = security::load_certificates(s.intermediates);
  if (!intermediates) {
    errors.push_back(located(c, "signing.intermediates", intermediates.error().to_string()));
  }
  if (!errors.empty()) return errors;
  kyso::SignerTrust trust{security::TrustStore::from(security::shared_copies(*anchors),
                                                     security::shared_copies(*intermediates)),
                          std::nullopt, security::OcspPolicy::kHardFail};
  if (const auto policy = security::parse_ocsp_policy(s.ocsp); policy && client != nullptr) {
    trust.policy = *policy;
    security::OcspCheckerOptions options;
    options.trust_anchors = std::move(anchors).value();
    options.intermediates = std::move(intermediates).value();
    options.responder_url = s.ocsp_url;
    trust.ocsp.emplace(std::move(options), pipeline::http_ocsp_transport(*client, kOcspTimeout));
  }
  return trust;
}

}  // namespace

Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> KysoConnector::make(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context) {
  config::ConfigErrors errors;
  if (!config.signing) {
    errors.push_back(located(
        config, "signing", "the kyso type needs {\"sp_id\", \"sp_password\", \"trust_anchors\"}"));
  }
  for (const auto name : {kGetCertificate, kSignDocument}) {
    if (!config.operations.contains(std::string(name))) {
      errors.push_back(
          located(config, "operations", "the kyso type needs operation " + std::string(name)));
    }
  }
  for (const auto& [name, op] : config.operations) {
    if (name != kGetCertificate && name != kSignDocument && name != kVerifyDocument) {
      errors.push_back(located(config, "operations." + name,
                               "the kyso type has get-certificate, sign-document and "
                               "verify-document only"));
    }
    if (op.method != "POST" || op.request_as != "json-body" || op.response_format != "json") {
      errors.push_back(located(config, "operations." + name,
                               "kyso calls are POST with a JSON body and a JSON answer"));
    }
  }
  if (const auto sign = config.operations.find(std::string(kSignDocument));
      sign != config.operations.end() && sign->second.respond != "async") {
    errors.push_back(located(config, "operations.sign-document.respond",
                             "must be async: the signer approves on a phone, minutes later"));
  }
  auto endpoint = parse_endpoint(config);
  if (!endpoint) errors.insert(errors.end(), endpoint.error().begin(), endpoint.error().end());
  if (!errors.empty()) return errors;
  auto* client = context.client_for(config.id);
  auto trust = load_trust(config, *config.signing, client);
  if (!trust) return std::move(trust).error();
  return std::shared_ptr<const pipeline::Connector>(
      std::make_shared<KysoConnector>(config, std::move(endpoint).value(), client, context.records,
                                      context.timestamps, std::move(trust).value()));
}

KysoConnector::KysoConnector(config::ConnectorConfig config, Endpoint endpoint,
                             http::HttpClient* client,
                             std::shared_ptr<const pipeline::RecordDesk> records,
                             std::shared_ptr<const pipeline::TimestampClient> timestamps,
                             kyso::SignerTrust trust)
    : config_(std::move(config)),
      endpoint_(std::move(endpoint)),
      client_(client),
      records_(std::move(records)),
      timestamps_(std::move(timestamps)),
      trust_(std::move(trust)),
      account_{config_.signing->sp_id, config_.signing->sp_password} {}

asio::awaitable<Result<pipeline::WireResponse>> KysoConnector::call(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange) const {
  if (operation.name == kGetCertificate) co_return co_await get_certificate(operation, exchange);
  if (operation.name == kVerifyDocument) co_return co_await verify_document(exchange);
  co_return co_await sign_document(operation, exchange);
}

bool KysoConnector::admits(std::string_view operation) const {
  return operation == kSignDocument;
}

asio::awaitable<Result<void>> KysoConnector::admit(const config::OperationConfig& /*operation*/,
                                                   const pipeline::Exchange& exchange) const {
  auto request = kyso::read_document(exchange.request);
  if (!request) co_return std::move(request).error();
  co_return kyso::admit_document(*request, config_.signing->reserved_signature_bytes);
}

asio::awaitable<std::optional<nlohmann::json>> KysoConnector::progress(
    const store::MessageStatus& status) const {
  const bool open =
      status.state != store::MessageState::kDelivered && status.state != store::MessageState::kDead;
  if (status.operation != kSignDocument || !records_) co_return std::nullopt;
  std::string kind(kyso::kSignatureKind);
  auto record = co_await records_->get(std::move(kind), status.id);
  if (!record) co_return std::nullopt;
  const auto data = kyso::read_signing_data(record->data);
  nlohmann::json signing{{"state", record->state}, {"format", std::string(to_string(data.format))}};
  if (!data.tran_id.empty()) signing["caTransactionId"] = data.tran_id;
  if (!data.tran_code.empty()) signing["tranCode"] = data.tran_code;
  if (!data.reason.empty()) signing["reason"] = data.reason;
  if (!data.document_id.empty()) signing["document"] = "/v1/documents/" + data.document_id;
  nlohmann::json out{{"signing", std::move(signing)}};
  if (open && record->state == kyso::kAwaitingApproval) out["state"] = record->state;
  co_return out;
}

asio::awaitable<Result<pipeline::WireResponse>> KysoConnector::get_certificate(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange) const {
  const auto mapped = nlohmann::json::parse(exchange.wire_request.body, nullptr, false);
  const std::string user_id = mapped.is_object() ? mapped.value("user_id", "") : "";
  const std::string serial = mapped.is_object() ? mapped.value("serial_number", "") : "";
  nlohmann::json fields{{"user_id", user_id}, {"transaction_id", exchange.id}};
  if (!serial.empty()) fields["serial_number"] = serial;
  auto data =
      co_await send(operation, exchange, endpoint_.base_path + operation.path, std::move(fields));
  if (!data) co_return std::move(data).error();
  auto certs = kyso::read_signer_certificates(*data);
  if (!certs) co_return std::move(certs).error();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : *certs) {
    auto verdict = co_await kyso::check_signer(c, trust_, std::time(nullptr));
    list.push_back(kyso::certificate_json(c, verdict));
  }
  nlohmann::json answer{{"certificates", std::move(list)}};
  co_return pipeline::WireResponse{200, std::string(kJson), answer.dump(), std::nullopt};
}

asio::awaitable<Result<nlohmann::json>> KysoConnector::send(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    const std::string& path, nlohmann::json fields) const {
  pipeline::WireRequest wire{
      kyso::ca_request(account_, std::move(fields)).dump(), std::string(kJson), {}};
  auto request = build_request(config_, endpoint_, operation, exchange, wire);
  request.target(path);
  auto response =
      co_await client_->send(endpoint_.origin, std::move(request), timeout_for(config_, operation));
  if (!response) co_return std::move(response).error();
  co_return kyso::read_ca_answer(response->result_int(), response->body());
}

asio::awaitable<Result<store::StateRecord>> KysoConnector::move(const std::string& id,
                                                                std::string_view from,
                                                                std::string_view to,
                                                                const kyso::SigningData& data,
                                                                std::string cause) const {
  store::RecordChange change;
  change.kind = std::string(kyso::kSignatureKind);
  change.id = id;
  change.from_states = {std::string(from)};
  change.to_state = std::string(to);
  change.data = kyso::to_json(data).dump();
  change.cause = std::move(cause);
  change.detail = data.tran_id.empty() ? std::string() : "CA transaction " + data.tran_id;
  std::optional<store::NewMessage> none;
  auto changed = co_await records_->change(std::move(change), std::move(none));
  if (!changed) co_return std::move(changed).error();
  if (!changed->applied) {
    co_return kyso_not_now("the signature record is " + changed->record.state + ", not " +
                           std::string(from) + ": read again at the next attempt");
  }
  co_return std::move(changed->record);
}

}  // namespace lienthong::connectors
