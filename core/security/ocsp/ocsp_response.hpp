#pragma once

#include <openssl/x509.h>

#include <chrono>
#include <ctime>
#include <span>
#include <string_view>

#include "core/security/ocsp/ocsp_request.hpp"
#include "core/security/ocsp/ocsp_status.hpp"

namespace lienthong::security {

/// What an answer is checked against.
struct OcspResponseCheck {
  std::span<X509* const> trust_anchors;  ///< roots the responder's chain must reach
  std::span<X509* const> untrusted;      ///< helpers for that chain (intermediates)
  X509* issuer = nullptr;                ///< the issuer of the certificate asked about
  std::time_t now = 0;
  std::chrono::seconds clock_skew{300};
  /// How old an answer without nextUpdate may be (RFC 5019 answers always carry one).
  std::chrono::seconds max_age{3600};
};

/// Checks a DER OCSPResponse as the answer to `request` (RFC 6960 §3.2, RFC 5019 §2.2):
/// status successful; a basic response signed by the issuer itself or by a responder holding
/// the id-kp-OCSPSigning EKU that the issuer issued, its chain reaching an anchor at `now`;
/// the nonce equal when the responder echoed one; a SingleResponse for our CertID; thisUpdate
/// not in the future and nextUpdate not in the past (both give or take `clock_skew`).
/// Never throws; anything wrong is an OcspError (kRefused or kBadResponse).
OcspOutcome evaluate_ocsp_response(std::string_view der, const OcspRequest& request,
                                   const OcspResponseCheck& check);

}  // namespace lienthong::security
