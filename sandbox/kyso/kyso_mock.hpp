#pragma once

#include <memory>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "sandbox/kyso/ocsp_responder.hpp"
#include "sandbox/mock_handler.hpp"

namespace lienthong::sandbox::kyso {

inline constexpr std::string_view kOcspPath = "/ocsp";
inline constexpr std::string_view kOcspRequestType = "application/ocsp-request";
inline constexpr std::string_view kOcspResponseType = "application/ocsp-response";

/// The kyso CA's OCSP responder over HTTP (RFC 6960 Appendix A, RFC 5019 §5):
/// `POST /ocsp` with `Content-Type: application/ocsp-request` and the DER request as body, or
/// `GET /ocsp/{url-encoded base64 of the DER request}`; both answer 200
/// `application/ocsp-response`. A request that does not decode answers 200 with the OCSP
/// status malformedRequest. Wrong content type or a GET without a request: 400; another
/// method: 405 (with Allow); another path: 404.
class KysoOcspMock final : public MockHandler {
 public:
  explicit KysoOcspMock(OcspResponder responder);

  /// OcspResponder::load() wrapped: what the sandbox's factory calls.
  static Result<std::shared_ptr<KysoOcspMock>, config::ConfigErrors> load(
      const OcspResponderFiles& files, OcspResponderOptions options = {});

  http::Response handle(const http::Request& request) override;
  /// HTTP 500 carrying an OCSPResponse with status internalError.
  http::Response injected_failure(const http::Request& request) override;

  [[nodiscard]] const OcspResponder& responder() const { return responder_; }

 private:
  OcspResponder responder_;
};

}  // namespace lienthong::sandbox::kyso
