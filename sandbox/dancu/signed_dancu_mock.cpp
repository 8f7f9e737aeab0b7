#include "sandbox/dancu/signed_dancu_mock.hpp"

#include "core/log/log.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "sandbox/dancu/signature_faults.hpp"
#include "sandbox/dancu/soap_response.hpp"
#include "sandbox/dancu/wire.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::dancu {
namespace {

namespace bhttp = http::beast::http;

// The verified Body (exclusive C14N, declares its namespaces) in an envelope of its own, so
// the business handler reads only what the caller signed.
std::string envelope_of(const std::string& body_xml) {
  return "<soap:Envelope xmlns:soap=\"" + std::string(kSoapEnvelopeNs) + "\">" + body_xml +
         "</soap:Envelope>";
}

bool is_xml(const http::Response& response) {
  return std::string_view(response[bhttp::field::content_type]).starts_with("text/xml");
}

}  // namespace

SignedDancuMock::SignedDancuMock(std::shared_ptr<DancuMock> inner, DancuSecurity security)
    : inner_(std::move(inner)), security_(std::move(security)) {}

http::Response SignedDancuMock::handle(const http::Request& request) {
  return answer(request, std::nullopt);
}

http::Response SignedDancuMock::injected_failure(const http::Request& request) {
  return signed_answer(inner_->injected_failure(request), std::nullopt);
}

http::Response SignedDancuMock::injected_signature_fault(const http::Request& request,
                                                         FaultMode mode) {
  return answer(request, mode);
}

http::Response SignedDancuMock::answer(const http::Request& request,
                                       std::optional<FaultMode> mode) {
  if (request.target() != kPath || request.method() != bhttp::verb::post) {
    return inner_->handle(request);  // 404 / 405, plain HTTP
  }
  auto verified = security::verify_soap(request.body(), security_.trust);
  if (!verified) {
    log::info("sandbox.dancu_signature_refused", {{"reason", verified.error().detail}});
    auto refused = make_response(
        request, bhttp::status::internal_server_error, "text/xml; charset=utf-8",
        fault_envelope({"Client", "Chữ ký số của yêu cầu không hợp lệ: " + verified.error().detail,
                        std::string(kBadSignature)}));
    return signed_answer(std::move(refused), mode);
  }
  http::Request inner_request = request;
  inner_request.body() = envelope_of(verified->body_xml);
  inner_request.prepare_payload();
  return signed_answer(inner_->handle(inner_request), mode);
}

http::Response SignedDancuMock::signed_answer(http::Response response,
                                              std::optional<FaultMode> mode) const {
  if (!is_xml(response)) return response;
  auto signed_xml = security::sign_soap(response.body(), security_.identity);
  if (!signed_xml) {
    log::error("sandbox.dancu_sign_failed", {{"reason", signed_xml.error().detail}});
    response.result(bhttp::status::internal_server_error);
    response.set(bhttp::field::content_type, "text/plain; charset=utf-8");
    response.body() = "sandbox mock cannot sign its answer";
  } else if (mode) {
    response.body() = spoil_signature(*mode, response.body(), *signed_xml, security_.other);
  } else {
    response.body() = std::move(signed_xml).value();
  }
  response.prepare_payload();
  return response;
}

}  // namespace lienthong::sandbox::dancu
