#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "sandbox/kyso/ocsp_responder.hpp"
#include "sandbox/kyso/remote_signing_api.hpp"
#include "sandbox/kyso/time_stamp_authority.hpp"
#include "sandbox/mock_handler.hpp"

namespace lienthong::sandbox::kyso {

inline constexpr std::string_view kOcspPath = "/ocsp";
inline constexpr std::string_view kOcspRequestType = "application/ocsp-request";
inline constexpr std::string_view kOcspResponseType = "application/ocsp-response";
inline constexpr std::string_view kTsaPath = "/tsa";
inline constexpr std::string_view kTsaQueryType = "application/timestamp-query";
inline constexpr std::string_view kTsaReplyType = "application/timestamp-reply";

/// The kyso CA's services over HTTP. The time-stamp authority (RFC 3161 §3.4): `POST /tsa`
/// with `Content-Type: application/timestamp-query` and a DER TimeStampReq answers 200
/// `application/timestamp-reply` (a rejection, too, is a TimeStampResp); another content type
/// 400; another method 405; 503 when the dev PKI predates the TSA certificate.
/// The OCSP responder (RFC 6960 Appendix A, RFC 5019 §5):
/// `POST /ocsp` with `Content-Type: application/ocsp-request` and the DER request as body, or
/// `GET /ocsp/{url-encoded base64 of the DER request}`; both answer 200
/// `application/ocsp-response`. A request that does not decode answers 200 with the OCSP
/// status malformedRequest. Wrong content type or a GET without a request: 400; another
/// method: 405 (with Allow); another path: 404.
/// The remote-signing API (RemoteSigningApi) answers everything under `/v1/`; without one (a dev
/// PKI made before the signer certificates) those paths answer 503 saying what to run.
class KysoMock final : public MockHandler {
 public:
  explicit KysoMock(OcspResponder responder, std::optional<TimeStampAuthority> tsa = {},
                    std::shared_ptr<RemoteSigningApi> signing = {});

  /// OcspResponder::load() and TimeStampAuthority::load() wrapped: what the sandbox's factory
  /// calls (no `tsa` files: no TSA; no `signing`: no remote-signing API).
  static Result<std::shared_ptr<KysoMock>, config::ConfigErrors> load(
      const OcspResponderFiles& files, OcspResponderOptions options = {},
      const std::optional<TsaFiles>& tsa = {}, std::shared_ptr<RemoteSigningApi> signing = {});

  http::Response handle(const http::Request& request) override;
  /// HTTP 500 carrying an OCSPResponse with status internalError; under `/v1/` the API's JSON
  /// envelope with status_code 500.
  http::Response injected_failure(const http::Request& request) override;
  /// Under `/v1/`: a SUCCESS status answer with spoiled signatures (RemoteSigningApi::handle);
  /// elsewhere the normal answer.
  http::Response injected_signature_fault(const http::Request& request, FaultMode mode) override;

  [[nodiscard]] const OcspResponder& responder() const { return responder_; }
  /// Null when the remote-signing API is unavailable.
  [[nodiscard]] const std::shared_ptr<RemoteSigningApi>& signing() const { return signing_; }

 private:
  http::Response time_stamp(const http::Request& request) const;

  OcspResponder responder_;
  std::optional<TimeStampAuthority> tsa_;
  std::shared_ptr<RemoteSigningApi> signing_;
};

}  // namespace lienthong::sandbox::kyso
