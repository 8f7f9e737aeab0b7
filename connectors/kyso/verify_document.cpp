#include <chrono>

#include "connectors/kyso/kyso_connector.hpp"
#include "core/base/base64.hpp"
#include "core/pipeline/async/message_desk.hpp"
#include "core/security/signing/document_verify.hpp"

// verify-document: the hub's own verdict on a signed PDF, XML or CMS (with its content), made
// here without calling the CA: per signature who signed, when, whether the bytes are intact,
// whether the chain is trusted (signing.trust_anchors) and what OCSP says of the signer now.

namespace lienthong::connectors {
namespace {

namespace asio = boost::asio;
namespace signing = security::signing;

constexpr std::string_view kJson = "application/json; charset=utf-8";

Problem invalid(std::string pointer, std::string reason) {
  Problem p = Problem::make(ProblemKind::kInvalid, reason);
  p.errors.push_back({std::move(pointer), std::move(reason)});
  return p;
}

std::string text(const nlohmann::json& j, const char* pointer) {
  const nlohmann::json::json_pointer ptr(pointer);
  return j.contains(ptr) && j.at(ptr).is_string() ? j.at(ptr).get<std::string>() : std::string();
}

nlohmann::json time_or_null(const std::optional<std::chrono::system_clock::time_point>& t) {
  return t ? nlohmann::json(pipeline::iso8601(*t)) : nlohmann::json();
}

}  // namespace

asio::awaitable<Result<pipeline::WireResponse>> KysoConnector::verify_document(
    const pipeline::Exchange& exchange) const {
  const auto& r = exchange.request;
  const std::string type = text(r, "/document/contentType");
  auto bytes = decode_base64(text(r, "/document/contentBase64"));
  if (!bytes || bytes->empty()) {
    co_return invalid("/document/contentBase64", "is not base64 of a non-empty file");
  }
  std::optional<std::string> content;
  if (r.contains("content")) {
    content = decode_base64(text(r, "/content/contentBase64"));
    if (!content) co_return invalid("/content/contentBase64", "is not base64");
  }
  Result<std::vector<signing::SignatureReport>> reports = std::vector<signing::SignatureReport>{};
  if (type == "application/pdf") {
    reports = signing::verify_pdf(*bytes, trust_.store);
  } else if (type == "application/xml" || type == "text/xml" || type.ends_with("+xml")) {
    reports = signing::verify_xml(*bytes, trust_.store);
  } else if (type == "application/pkcs7-signature" || type == "application/pkcs7-mime" ||
             type == "application/cms") {
    reports = signing::verify_cms(*bytes, content.value_or(""), trust_.store);
  } else {
    co_return invalid("/document/contentType",
                      "verifies application/pdf, application/xml or application/pkcs7-signature "
                      "(a .p7s, with the signed file in /content)");
  }
  if (!reports) co_return std::move(reports).error();
  nlohmann::json list = nlohmann::json::array();
  bool all_valid = !reports->empty();
  for (const auto& report : *reports) {
    std::string ocsp = "not_checked";
    std::string ocsp_reason;
    if (report.signer && trust_.ocsp) {
      X509* issuer = nullptr;
      for (const auto& c : report.chain) {
        if (X509_check_issued(c.get(), report.signer.get()) == X509_V_OK) issuer = c.get();
      }
      if (issuer != nullptr) {
        auto outcome = co_await trust_.ocsp->check(report.signer.get(), issuer);
        if (outcome) {
          ocsp = std::string(security::to_string(outcome->status));
        } else {
          ocsp = "unavailable";
          ocsp_reason = outcome.error().detail;
        }
      } else {
        ocsp_reason = "the signature does not carry the signer's issuer";
      }
    }
    const bool valid =
        report.intact && report.covers_whole_document && report.chain_trusted && ocsp != "revoked";
    all_valid = all_valid && valid;
    nlohmann::json entry{{"format", report.format},
                         {"signer", report.signer_subject},
                         {"serial_number", report.serial},
                         {"claimed_time", time_or_null(report.claimed_time)},
                         {"timestamp_time", time_or_null(report.timestamp_time)},
                         {"intact", report.intact},
                         {"covers_whole_document", report.covers_whole_document},
                         {"chain_trusted", report.chain_trusted},
                         {"ocsp", ocsp},
                         {"valid", valid}};
    if (!report.field.empty()) entry["field"] = report.field;
    std::string problem = report.problem;
    if (!ocsp_reason.empty()) problem += (problem.empty() ? "" : "; ") + ocsp_reason;
    if (!problem.empty()) entry["problem"] = problem;
    list.push_back(std::move(entry));
  }
  nlohmann::json answer{{"signatures", std::move(list)}, {"valid", all_valid}};
  co_return pipeline::WireResponse{200, std::string(kJson), answer.dump(), std::nullopt};
}

}  // namespace lienthong::connectors
