#include <chrono>

#include "connectors/kyso/kyso_connector.hpp"
#include "core/base/base64.hpp"
#include "core/base/digest.hpp"
#include "core/http/client.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/record_desk.hpp"
#include "core/pipeline/async/stored_document.hpp"
#include "core/pipeline/stages/timestamp_client.hpp"
#include "core/security/certificates/certificates.hpp"

// The queued steps of sign-document, one per delivery attempt (signing_record.hpp has the
// states). Each step reads the record, does one thing, moves the record, and tells the queue
// what next: a "waiting" failure that is not an outage (asked again after poll_every_s), a
// dead message with the reason, a retry after an error (the queue's backoff), or the result.

namespace lienthong::connectors {
namespace {

namespace asio = boost::asio;
using kyso::SigningData;

constexpr std::string_view kJson = "application/json; charset=utf-8";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// Not a failure of the CA: it is up and the signer has not answered yet. A 2xx upstream
/// status keeps it out of the circuit breaker; Retry-After paces the polls.
Problem waiting(const std::string& tran_id, int poll_every_s) {
  Problem p = Problem::make(ProblemKind::kUpstreamError,
                            "awaiting the signer's approval (CA transaction " + tran_id + ")");
  p.upstream = Upstream{200, "PENDING", "awaiting approval"};
  p.retry_after_seconds = poll_every_s;
  return p;
}

/// The end of a signature that will not happen: the message goes dead with `reason`.
Problem ended(std::string reason) {
  return Problem::make(ProblemKind::kInvalid, std::move(reason));
}

}  // namespace

/// A step that could not be done now (TSA, OCSP or store down): tried again by the queue with
/// its backoff. The upstream member tells the delivery loop this is no circuit or rate-limit
/// refusal of the CA (those are handed back untried), and keeps it out of the CA's breaker.
Problem kyso_not_now(std::string reason) {
  Problem p = Problem::make(ProblemKind::kUnavailable, std::move(reason));
  p.upstream = Upstream{0, "not-now", "the hub will try again"};
  return p;
}

namespace {

Problem not_now(std::string reason) {
  return kyso_not_now(std::move(reason));
}

pipeline::WireResponse result_answer(const std::string& message_id, const SigningData& data,
                                     const nlohmann::json& document) {
  nlohmann::json answer{{"document_id", data.document_id},
                        {"document", "/v1/documents/" + data.document_id},
                        {"file_name", document.value("fileName", "")},
                        {"content_type", document.value("contentType", "")},
                        {"format", std::string(kyso::to_string(data.format))},
                        {"serial_number", data.serial_number},
                        {"tran_id", data.tran_id},
                        {"message_id", message_id},
                        {"signing_time_ms", data.signing_time_ms}};
  return {200, std::string(kJson), answer.dump(), std::nullopt};
}

Result<security::Certificates> certificates_of(const SigningData& data) {
  security::Certificates out;
  std::vector<const std::string*> all{&data.certificate};
  for (const auto& c : data.chain) all.push_back(&c);
  for (const auto* b64 : all) {
    const auto der = decode_base64(*b64);
    auto parsed = der ? security::parse_certificates(*der)
                      : Result<security::Certificates, std::string>(std::string("not base64"));
    if (!parsed || parsed->size() != 1) {
      return Problem::make(ProblemKind::kInternal,
                           "the signing record's certificates are unreadable");
    }
    out.push_back(std::move(parsed->front()));
  }
  return out;
}

}  // namespace

asio::awaitable<Result<pipeline::WireResponse>> KysoConnector::sign_document(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange) const {
  if (!exchange.queued) {
    co_return Problem::make(ProblemKind::kInternal, "sign-document runs in the durable queue only");
  }
  if (!records_) co_return not_now("the store is not open");
  auto request = kyso::read_document(exchange.request);
  if (!request) co_return std::move(request).error();
  const auto wire = nlohmann::json::parse(exchange.wire_request.body, nullptr, false);
  if (auto signer = kyso::read_signer(wire, *request); !signer) co_return std::move(signer).error();

  std::string kind(kyso::kSignatureKind);
  auto record = co_await records_->get(std::move(kind), exchange.id);
  if (!record && record.error().kind != ProblemKind::kNotFound) co_return std::move(record).error();
  if (!record) {
    auto started = co_await start(operation, exchange, *request);
    if (!started) co_return std::move(started).error();
    record = std::move(started).value();
  }
  const auto& state = record->state;
  if (state == kyso::kRequested) {
    co_return co_await request_signature(operation, exchange, *request, *record);
  }
  if (state == kyso::kAwaitingApproval)
    co_return co_await poll(operation, exchange, *request, *record);
  if (state == kyso::kApproved || state == kyso::kSigned) {
    co_return co_await finish(exchange, *request, *record);
  }
  // rejected, expired, refused: it ended before (a repeated attempt after a crash)
  const auto data = kyso::read_signing_data(record->data);
  co_return ended(data.reason.empty() ? "the signature ended " + state : data.reason);
}

asio::awaitable<Result<KysoConnector::CheckedSigner>> KysoConnector::checked_signer(
    const pipeline::Exchange& exchange, const std::string& user_id,
    const std::string& serial) const {
  const auto& get = config_.operations.at(std::string(kGetCertificate));
  nlohmann::json fields{{"user_id", user_id}, {"transaction_id", exchange.id}};
  if (!serial.empty()) fields["serial_number"] = serial;
  auto data = co_await send(get, exchange, endpoint_.base_path + get.path, std::move(fields));
  if (!data) co_return std::move(data).error();
  auto certs = kyso::read_signer_certificates(*data);
  if (!certs) co_return std::move(certs).error();
  auto chosen = kyso::choose_certificate(*certs, serial);
  if (!chosen) co_return std::move(chosen).error();
  CheckedSigner out{std::move((*certs)[*chosen]), {}};
  out.verdict = co_await kyso::check_signer(out.signer, trust_, std::time(nullptr));
  co_return out;
}

asio::awaitable<Result<store::StateRecord>> KysoConnector::start(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    const kyso::SignRequest& request) const {
  (void)operation;
  auto checked = co_await checked_signer(exchange, request.user_id, request.serial_number);
  if (!checked) co_return std::move(checked).error();
  const auto& verdict = checked->verdict;
  if (verdict.standing == kyso::Standing::kUnknown) {
    // OCSP could not vouch for it now (responder down): not the signer's fault, ask again later.
    co_return not_now("signer certificate status unknown: " + verdict.reason);
  }
  if (verdict.standing != kyso::Standing::kValid) {
    log::warn("kyso.signer_refused", {{"message_id", exchange.id},
                                      {"serial", checked->signer.serial_number},
                                      {"status", std::string(kyso::to_string(verdict.standing))}});
    co_return ended("signer certificate " + std::string(kyso::to_string(verdict.standing)) + " (" +
                    verdict.reason + "): nothing was sent to the CA to sign");
  }
  SigningData data;
  data.format = request.format;
  data.serial_number = checked->signer.serial_number;
  data.certificate = security::der_base64(checked->signer.certificate.get());
  for (const auto& c : checked->signer.chain) data.chain.push_back(security::der_base64(c.get()));
  const auto signing_time =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  data.signing_time_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(signing_time.time_since_epoch())
          .count();
  data.requested_at_ms = now_ms();
  auto prepared =
      kyso::prepare_document(request, checked->signer.certificate.get(), checked->signer.chain,
                             signing_time, config_.signing->reserved_signature_bytes, data);
  if (!prepared) co_return ended("the document cannot be prepared: " + prepared.error().detail);
  store::NewRecord r;
  r.kind = std::string(kyso::kSignatureKind);
  r.id = exchange.id;
  r.client = exchange.client;
  r.state = std::string(kyso::kRequested);
  r.data = kyso::to_json(data).dump();
  r.cause = "prepared";
  auto created = co_await records_->create(std::move(r));
  if (!created) co_return std::move(created).error();
  log::info("kyso.signature_prepared", {{"message_id", exchange.id},
                                        {"format", std::string(kyso::to_string(data.format))},
                                        {"bytes", std::to_string(request.content.size())}});
  co_return std::move(created->record);  // a concurrent first attempt's record when not created
}

asio::awaitable<Result<pipeline::WireResponse>> KysoConnector::request_signature(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    const kyso::SignRequest& request, const store::StateRecord& record) const {
  auto data = kyso::read_signing_data(record.data);
  nlohmann::json file{{"data_to_be_signed", data.digest_to_sign},
                      {"doc_id", exchange.id},
                      {"file_type", data.format == kyso::Format::kPades   ? "pdf"
                                    : data.format == kyso::Format::kXades ? "xml"
                                                                          : "p7s"},
                      {"sign_type", "hash"}};
  nlohmann::json fields{{"user_id", request.user_id},
                        {"transaction_id", exchange.id},
                        {"transaction_desc", "Ky so " + request.file_name},
                        {"serial_number", data.serial_number},
                        {"sign_files", nlohmann::json::array({std::move(file)})}};
  auto answer =
      co_await send(operation, exchange, endpoint_.base_path + operation.path, std::move(fields));
  if (!answer) {
    if (answer.error().upstream && answer.error().upstream->status >= 400 &&
        answer.error().upstream->status < 500) {
      data.reason = "the CA refused the sign request: " + answer.error().detail;
      auto moved = co_await move(exchange.id, kyso::kRequested, kyso::kRefused, data, "ca-refused");
      if (!moved) log::warn("kyso.refusal_unrecorded", {{"message_id", exchange.id}});
    }
    co_return std::move(answer).error();
  }
  data.tran_id = answer->value("transaction_id", "");
  data.tran_code = answer->value("tran_code", "");
  auto path = kyso::status_path(operation.path, data.tran_id);
  if (!path) co_return std::move(path).error();
  auto moved = co_await move(exchange.id, kyso::kRequested, kyso::kAwaitingApproval, data, "sign");
  if (!moved) co_return std::move(moved).error();
  log::info("kyso.awaiting_approval", {{"message_id", exchange.id}, {"tran_id", data.tran_id}});
  co_return waiting(data.tran_id, config_.signing->poll_every_s);
}

asio::awaitable<Result<pipeline::WireResponse>> KysoConnector::poll(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    const kyso::SignRequest& request, const store::StateRecord& record) const {
  auto data = kyso::read_signing_data(record.data);
  const auto deadline_ms =
      data.requested_at_ms + std::int64_t{config_.signing->approval_deadline_s} * 1000;
  if (now_ms() > deadline_ms) {
    data.reason = "the signer did not answer within " +
                  std::to_string(config_.signing->approval_deadline_s) + " s (CA transaction " +
                  data.tran_id + ")";
    auto moved =
        co_await move(exchange.id, kyso::kAwaitingApproval, kyso::kExpired, data, "deadline");
    if (!moved) co_return std::move(moved).error();
    co_return ended(data.reason);
  }
  auto path = kyso::status_path(endpoint_.base_path + operation.path, data.tran_id);
  if (!path) co_return std::move(path).error();
  auto answer = co_await send(operation, exchange, *path, nlohmann::json::object());
  if (!answer) co_return std::move(answer).error();
  const std::string status = answer->value("status", "");
  if (status == "PENDING") co_return waiting(data.tran_id, config_.signing->poll_every_s);
  if (status == "REJECTED" || status == "EXPIRED") {
    const bool rejected = status == "REJECTED";
    data.reason = std::string(rejected ? "the signer rejected the signature"
                                       : "the CA expired the request before the signer answered") +
                  " (CA transaction " + data.tran_id + ")";
    auto moved = co_await move(exchange.id, kyso::kAwaitingApproval,
                               rejected ? kyso::kRejected : kyso::kExpired, data, "ca-status");
    if (!moved) co_return std::move(moved).error();
    log::info("kyso.signature_ended", {{"message_id", exchange.id}, {"status", status}});
    co_return ended(data.reason);
  }
  if (status != "SUCCESS") {
    Problem p =
        Problem::make(ProblemKind::kUpstreamError, "the CA answered an unknown signing status");
    p.upstream = Upstream{200, "status", status.substr(0, 40)};
    co_return p;
  }
  std::string value_b64;
  if (answer->contains("signatures") && (*answer)["signatures"].is_array()) {
    for (const auto& s : (*answer)["signatures"]) {
      if (s.is_object() && s.value("doc_id", "") == exchange.id) {
        value_b64 = s.value("signature_value", "");
      }
    }
  }
  const auto value = decode_base64(value_b64);
  auto certs = certificates_of(data);
  if (!certs) co_return std::move(certs).error();
  if (!value || value->empty() || !kyso::value_verifies(certs->front().get(), data, *value)) {
    data.reason =
        "the CA's signature value does not verify against the signer's certificate and "
        "the prepared digest (CA transaction " +
        data.tran_id + "): nothing was embedded";
    auto moved =
        co_await move(exchange.id, kyso::kAwaitingApproval, kyso::kRefused, data, "bad-value");
    if (!moved) co_return std::move(moved).error();
    log::warn("kyso.signature_value_refused",
              {{"message_id", exchange.id}, {"tran_id", data.tran_id}});
    co_return ended(data.reason);
  }
  data.signature_value = value_b64;
  auto moved =
      co_await move(exchange.id, kyso::kAwaitingApproval, kyso::kApproved, data, "approved");
  if (!moved) co_return std::move(moved).error();
  co_return co_await finish(exchange, request, *moved);
}

asio::awaitable<Result<pipeline::WireResponse>> KysoConnector::finish(
    const pipeline::Exchange& exchange, const kyso::SignRequest& request,
    const store::StateRecord& record) const {
  auto data = kyso::read_signing_data(record.data);
  // The document may be stored already: signed, or made by an attempt that stopped before the
  // record moved (a crash). Then that file is the result — never a second one with another
  // timestamp.
  std::string kind(pipeline::kDocumentKind);
  auto stored = co_await records_->get(std::move(kind), exchange.id);
  if (!stored && stored.error().kind != ProblemKind::kNotFound) co_return std::move(stored).error();
  if (stored) {
    const auto doc = nlohmann::json::parse(stored->data, nullptr, false);
    const auto document = doc.is_object() ? doc.value("document", nlohmann::json::object())
                                          : nlohmann::json::object();
    data.document_id = exchange.id;
    if (record.state != kyso::kSigned) {
      auto moved = co_await move(exchange.id, kyso::kApproved, kyso::kSigned, data, "signed");
      if (!moved) co_return std::move(moved).error();
    }
    co_return result_answer(exchange.id, data, document);
  }
  if (record.state == kyso::kSigned) {
    co_return Problem::make(ProblemKind::kInternal, "the signed document's record is missing");
  }
  const auto value = decode_base64(data.signature_value).value_or(std::string());
  std::string token;
  if (kyso::wants_timestamp(data.format)) {
    if (!timestamps_)
      co_return ended(
          "no time_stamp_authority is configured: a PAdES B-T or CMS signature needs one");
    auto stamped = co_await timestamps_->stamp(kyso::timestamp_imprint(value));
    if (!stamped) co_return not_now("time-stamp authority: " + stamped.error().detail);
    token = std::move(stamped->der);
  }
  auto certs = certificates_of(data);
  if (!certs) co_return std::move(certs).error();
  security::Certificates chain;
  for (std::size_t i = 1; i < certs->size(); ++i) chain.push_back(std::move((*certs)[i]));
  auto file = kyso::signed_document(request, certs->front().get(), chain,
                                    config_.signing->reserved_signature_bytes, data, value, token);
  if (!file) co_return ended("the signed document cannot be made: " + file.error().detail);
  data.document_id = exchange.id;
  const nlohmann::json document{{"fileName", file->file_name},
                                {"contentType", file->content_type},
                                {"contentBase64", base64_encode(file->bytes)}};
  const nlohmann::json detail{{"messageId", exchange.id},
                              {"format", std::string(kyso::to_string(data.format))},
                              {"bytes", file->bytes.size()},
                              {"sha256", sha256_hex(file->bytes)},
                              {"caTransactionId", data.tran_id}};
  auto doc_record = pipeline::document_record(data.document_id, exchange.client, document, detail);
  auto created = co_await records_->create(std::move(doc_record));
  if (!created && created.error().kind == ProblemKind::kConflict) {
    co_return not_now("the signed document was stored meanwhile: read it at the next attempt");
  }
  if (!created) co_return std::move(created).error();
  auto moved = co_await move(exchange.id, kyso::kApproved, kyso::kSigned, data, "signed");
  if (!moved) co_return std::move(moved).error();
  log::info("kyso.document_signed",
            {{"message_id", exchange.id}, {"format", std::string(kyso::to_string(data.format))}});
  co_return result_answer(exchange.id, data, document);
}

}  // namespace lienthong::connectors
