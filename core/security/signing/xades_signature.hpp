#pragma once

#include <openssl/x509.h>

#include <chrono>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::security::signing {

/// XAdES 1.3.2 namespace (ETSI TS 101 903 v1.3.2 / v1.4.x; EN 319 132 keeps it).
inline constexpr std::string_view kXadesNs = "http://uri.etsi.org/01903/v1.3.2#";
/// ds:Reference Type of the reference to xades:SignedProperties.
inline constexpr std::string_view kSignedPropertiesType =
    "http://uri.etsi.org/01903#SignedProperties";

/// What the signer asserts besides the document.
struct XadesFields {
  /// xades:SigningTime, written in UTC with whole seconds (fractions are dropped, so a time
  /// point and the same point plus 300 ms give the same signature).
  std::chrono::system_clock::time_point signing_time;
};

/// The first half of a remote signature: what the CA must sign.
struct PreparedXml {
  /// Raw 32-byte SHA-256 of the exclusive-C14N SignedInfo. The CA signs it with RSA PKCS#1
  /// v1.5 and SHA-256 (a DigestInfo over these bytes): that is the rsa-sha256 SignatureValue.
  std::string digest_to_sign;
  /// Id of the ds:Signature that embed_xades() will append ("xades-" and 16 hex digits,
  /// derived from the signer certificate and the signing time); its SignedProperties have the
  /// Id `<signature_id>-signedprops`, its SignatureValue `<signature_id>-sigvalue`.
  std::string signature_id;
};

/// Prepares an enveloped XAdES-BES signature of `xml` by `signer` (RSA) without any private key:
/// builds the ds:Signature that embed_xades() will append as the last child of the document
/// element and returns the digest of its SignedInfo. Deterministic: the same document, signer,
/// chain and fields always give the same SignedInfo, so embed_xades() can rebuild it after the
/// CA answered (minutes later, perhaps in another process) without storing a half-signed tree.
///
/// The signature: ds:Signature (Id) with SignedInfo (exclusive C14N, rsa-sha256) and two
/// References — URI="" with the enveloped-signature transform then exclusive C14N, SHA-256;
/// and Type=kSignedPropertiesType URI="#<Id of SignedProperties>" with exclusive C14N, SHA-256 —
/// then SignatureValue, KeyInfo/X509Data (the signer certificate, then `chain` without
/// self-signed roots), and ds:Object/xades:QualifyingProperties (Target="#<signature Id>") /
/// SignedProperties / SignedSignatureProperties with SigningTime and SigningCertificateV2
/// (CertDigest SHA-256 of the signer's DER, IssuerSerialV2), and SignedDataObjectProperties /
/// DataObjectFormat (MimeType text/xml) for the document reference.
///
/// Errors are kInvalid with a precise detail: the parser's ("XML refused: empty document",
/// "XML refused: DTD not allowed", "XML refused: not well-formed: ... (line N)", ...),
/// "no signer certificate", "signer key is not RSA", "document already holds a signature with
/// Id <id>", "Id already used in the document: <id>"; kInternal when libxml2 or OpenSSL fail.
Result<PreparedXml> prepare_xades(std::string_view xml, const X509* signer,
                                  const Certificates& chain, const XadesFields& fields);

/// The second half: rebuilds the signature exactly as prepare_xades() did, puts `signature_value`
/// (the raw RSA signature the CA returned, as many bytes as the signer's modulus) in
/// SignatureValue as base64, and returns the signed document, serialised by libxml2 in UTF-8
/// (an XML declaration is added; the canonical form of the original content is unchanged).
/// When `expected_digest` is given (the digest_to_sign the CA signed), the rebuilt digest must
/// equal it, so changed inputs between the two halves are caught here rather than by a verifier.
/// Whether `signature_value` is a valid signature of the digest is for the caller to check
/// (signature_value_matches() in cms_signature.hpp) — this module holds no verification.
/// Errors: those of prepare_xades(), and kInvalid "signature value is empty",
/// "signature value has N bytes, the signer's RSA key makes M", "the document, certificates or
/// signing time differ from what was prepared (another digest)".
Result<std::string> embed_xades(std::string_view xml, const X509* signer, const Certificates& chain,
                                const XadesFields& fields, std::string_view signature_value,
                                std::string_view expected_digest = {});

}  // namespace lienthong::security::signing
