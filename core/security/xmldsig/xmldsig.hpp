#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/security/certificates/signing_identity.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/openssl_ptr.hpp"
#include "core/security/xmldsig/algorithm_policy.hpp"

namespace lienthong::security {

/// Who signed, once the signature and the certificate have been accepted.
struct SignerInfo {
  std::string subject;             ///< RFC 2253 subject of the signer certificate
  std::string certificate_sha256;  ///< lower-case hex SHA-256 of its DER
};

/// What a verified `dancu-dsig-1` envelope may be used for: the signed Body, nothing else.
struct VerifiedBody {
  /// The soap:Body element exactly as the signature covers it: the exclusive-C14N octets that
  /// were digested. It declares every namespace it uses, so it parses standalone; map only this.
  std::string body_xml;
  SignerInfo signer;
};

/// Signs a SOAP 1.1 envelope with profile `dancu-dsig-1`: one ds:Signature in soap:Header
/// (created if absent) with one Reference to `#<Id of soap:Body>` (the Body gets `Id="Body"`
/// unless it has an Id), exclusive C14N, SHA-256, RSA-SHA256, and KeyInfo/X509Data carrying the
/// signer certificate and its chain. Thread-safe. Errors are kInternal: the envelope is the
/// hub's own output, so a refusal here is a bug or a broken key.
Result<std::string, Problem> sign_soap(std::string_view envelope_xml,
                                       const SigningIdentity& identity);

/// Verifies a SOAP 1.1 envelope signed with profile `dancu-dsig-1` and returns only what the
/// signature covers. Defends against signature wrapping: exactly one ds:Signature, inside the
/// Envelope's soap:Header; exactly one Reference, `#id`; exactly one element carries that id
/// (Id, ID, id, wsu:Id...); it is the Envelope's only soap:Body. Then the signer certificate
/// (from KeyInfo/X509Data) against `trust` at `at` (default now), the algorithms against
/// `policy`, and finally the cryptography (xmlsec). Errors are kUpstreamError with a `detail`
/// in stable words, e.g. "signature missing", "more than one signature", "signature must be in
/// the soap:Header", "signature must have exactly one reference", "reference must point to the
/// soap:Body", "reference target not found", "duplicate Id attribute", "signed element is not
/// the Envelope's only Body", "reference transforms must be exactly exclusive C14N",
/// "signer certificate expired", "signer certificate not trusted: <reason>", "signer
/// certificate revoked", "algorithm not allowed by policy: <uri>", "digest of the signed Body
/// does not match", "signature value does not verify", "XML refused: DTD not allowed".
Result<VerifiedBody, Problem> verify_soap(std::string_view envelope_xml, const TrustStore& trust,
                                          const AlgorithmPolicy& policy = {},
                                          std::optional<std::time_t> at = {});

/// Verifies any document holding exactly one ds:Signature (enveloped or enveloping; references
/// "" or "#id" within the document only), e.g. interop vectors. `untrusted` are certificates
/// that may complete the chain or be the signer named by X509IssuerSerial/SKI/SubjectName.
/// Order: shape, signer certificate and trust, reference URIs and algorithms, ids, crypto.
/// Errors are kUpstreamError with the same words as verify_soap() plus "reference URI not
/// allowed: <uri>" and "reference digest does not match".
Result<SignerInfo, Problem> verify_any(std::string_view xml, const TrustStore& trust,
                                       const AlgorithmPolicy& policy,
                                       std::optional<std::time_t> at = {},
                                       const Certificates& untrusted = {});

}  // namespace lienthong::security
