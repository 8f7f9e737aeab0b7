#pragma once

#include <openssl/x509.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/security/ocsp/ocsp_ptr.hpp"
#include "core/security/ocsp/ocsp_status.hpp"

namespace lienthong::security {

/// One OCSP question, ready to send, with what is needed to check the answer.
struct OcspRequest {
  std::string der;         ///< DER OCSPRequest (the POST body; base64 + URL-encoded for GET)
  std::string url;         ///< where to send it
  std::string serial;      ///< upper-case hex serial of the certificate (safe to log)
  std::string cache_key;   ///< see ocsp_cache_key()
  OcspRequestPtr request;  ///< the request itself, for the nonce comparison
  OcspCertIdPtr cert_id;   ///< the CertID the answer must be about
};

/// The CertID of `cert` issued by `issuer`, with SHA-1 hashes as RFC 5019 §2.1.1 requires.
/// Refuses an `issuer` that did not issue `cert` (its answer would be "unknown" at best).
Result<OcspCertIdPtr, OcspError> make_ocsp_cert_id(X509* cert, X509* issuer);

/// "issuerKeyHash/issuerNameHash/serial" in hex: one entry per certificate of one issuer.
std::string ocsp_cache_key(const OCSP_CERTID* id);

/// Upper-case hex of a certificate's serial number ("0" for zero).
std::string serial_hex(const X509* cert);

/// The first http(s) OCSP responder URL of the certificate's Authority Information Access.
std::optional<std::string> ocsp_url_of(X509* cert);

/// Builds the request for `cert` (one CertID, a 16-byte nonce when `nonce`), addressed to
/// `override_url` when not empty, else to the certificate's AIA responder.
Result<OcspRequest, OcspError> build_ocsp_request(X509* cert, X509* issuer,
                                                  std::string_view override_url, bool nonce);

}  // namespace lienthong::security
