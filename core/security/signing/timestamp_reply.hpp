#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/openssl_ptr.hpp"
#include "core/security/signing/timestamp_query.hpp"

namespace lienthong::security::signing {

/// An accepted RFC 3161 time-stamp token.
struct TimestampToken {
  /// The TimeStampToken: DER ContentInfo (CMS SignedData over TSTInfo), as XAdES
  /// EncapsulatedTimeStamp and PAdES signature-time-stamp attributes embed it.
  std::string der;
  std::chrono::system_clock::time_point gen_time;  ///< TSTInfo genTime (milliseconds kept)
  X509Ptr tsa_certificate;                         ///< the certificate that signed the token
};

/// How recent a reply must be. Pure: the caller may fix `now` (tests, replays).
struct TimestampChecks {
  std::optional<std::chrono::system_clock::time_point> now;  ///< default: the system clock
  /// genTime may differ from `now` by at most this much either way: the reply answers a query
  /// made moments ago (its nonce proves it), so a far-off genTime is a broken or lying TSA clock.
  std::chrono::seconds max_clock_skew{300};
};

/// Checks a DER TimeStampResp answering `query` and returns its token. In order, cheap checks
/// before any cryptography:
///  1. it decodes; PKIStatus is granted or grantedWithMods, else
///     "TSA refused: status rejection, failure badAlg, text \"...\"" (failure and text when sent);
///  2. version 1, the same SHA-256 imprint and the same nonce as `query.der` (via TS_VERIFY_CTX);
///  3. genTime within `checks.max_clock_skew` of now;
///  4. the token is CMS SignedData with exactly one signer, found among the token's certificates
///     and `untrusted`, whose signature over the TSTInfo verifies;
///  5. that certificate is for time-stamping only (critical extended key usage timeStamping,
///     OpenSSL's X509_PURPOSE_TIMESTAMP_SIGN), the ESS signing-certificate(-v2) attribute names
///     it (and every other certificate it lists is one of those known), and a TSA name in the
///     TSTInfo, if any, is that certificate's;
///  6. `trust` vouches for it at genTime (chain, CRLs, the revocation hook), the token's
///     certificates and `untrusted` helping to build the chain.
/// TrustStore rather than a bare X509_STORE, so the TSA is trusted the way every other signer
/// of the hub is (configured anchors and intermediates, CRLs, OCSP). Thread-safe.
/// Errors, in stable words: "timestamp reply does not decode", "TSA refused: ...",
/// "timestamp reply has no token", "timestamp query does not decode" (a `query` not made by
/// make_timestamp_query), "timestamp token version is not 1",
/// "timestamp token is for another imprint", "timestamp token has another nonce",
/// "timestamp token has no nonce", "timestamp genTime does not decode",
/// "timestamp genTime is N s in the future",
/// "timestamp genTime is N s in the past", "timestamp token must have exactly one signer",
/// "TSA certificate not found", "timestamp token signature does not verify",
/// "TSA certificate is not for time-stamping: <why>",
/// "timestamp token signing-certificate attribute does not match the TSA certificate",
/// "TSA name in the token is not the TSA certificate's", and the TrustStore's phrases after
/// "TSA ", e.g. "TSA certificate not trusted: unable to get local issuer certificate",
/// "TSA certificate expired", "TSA certificate revoked".
Result<TimestampToken, std::string> accept_timestamp_reply(std::string_view reply_der,
                                                           const TimestampQuery& query,
                                                           const TrustStore& trust,
                                                           const Certificates& untrusted = {},
                                                           const TimestampChecks& checks = {});

/// Checks a TimeStampToken on its own (DER ContentInfo, e.g. the signature-time-stamp attribute
/// of a CMS signer or a PAdES signature), no reply and no query around it: version 1, the
/// message imprint is the hash of `stamped_data` by the token's hash algorithm (for a signature
/// timestamp, `stamped_data` is the signature value), then steps 4-6 of accept_timestamp_reply
/// (one signer, its signature, the TSA certificate, trust at genTime). No freshness check: the
/// token may be years old. Errors: "timestamp token does not decode",
/// "timestamp token version is not 1", "timestamp token is for another imprint",
/// "timestamp genTime does not decode", and those of steps 4-6. Thread-safe.
Result<TimestampToken, std::string> accept_timestamp_token(std::string_view token_der,
                                                           std::string_view stamped_data,
                                                           const TrustStore& trust,
                                                           const Certificates& untrusted = {});

}  // namespace lienthong::security::signing
