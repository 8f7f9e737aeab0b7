#pragma once

#include <openssl/x509.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/security/openssl_ptr.hpp"

/// Detached CMS (RFC 5652) / CAdES baseline signatures whose signature value comes from
/// elsewhere — a remote-signing CA that signs a digest after the signer approves. Two steps with
/// a pause between them, pure and I/O-free:
///
///   prepare_cms(signer, sha256(content))  → store the CmsPreparation, send digest_to_sign
///   … the CA returns a signature value (minutes later, maybe after a restart) …
///   [optional] timestamp signature_timestamp_imprint(value) at a TSA (RFC 3161)
///   assemble_cms(preparation, signer, chain, value, token) → DER ContentInfo
///
/// Algorithms: SHA-256 throughout; RSA PKCS#1 v1.5 (rsaEncryption) or ECDSA keys.
namespace lienthong::security::signing {

/// What prepare_cms() computed; everything assemble_cms() needs besides the certificates and
/// the CA's answer. Both fields are bytes, safe to store as they are.
struct CmsPreparation {
  /// DER of the signed attributes as hashed: SET OF Attribute (tag 0x31), DER-sorted —
  /// content-type id-data, message-digest, signing-time (when asked for) and ESS
  /// signing-certificate-v2 (SHA-256 hash and issuer/serial of the signer certificate).
  std::string signed_attributes;
  /// Raw 32-byte SHA-256 of signed_attributes: what the CA signs (as a SHA-256 digest).
  std::string digest_to_sign;
};

struct CmsOptions {
  /// The signing-time attribute. PAdES: none (the time is the signature dictionary's /M, and
  /// EN 319 142-1 forbids the attribute); a detached .p7s: set it.
  std::optional<std::chrono::system_clock::time_point> signing_time;
};

/// The signed attributes for a detached signature of content whose SHA-256 is
/// `content_sha256` (raw 32 bytes). Errors: `kInvalid` for a signer certificate whose key is
/// neither RSA nor EC; `kInternal` for no signer, a digest that is not 32 bytes, an OpenSSL
/// failure (its reason appended).
Result<CmsPreparation> prepare_cms(const X509* signer, std::string_view content_sha256,
                                   const CmsOptions& options = {});

/// True when `signature_value` is the signer's signature over `digest_to_sign` taken as a
/// SHA-256 digest: RSA PKCS#1 v1.5 (DigestInfo SHA-256), or ECDSA (DER Ecdsa-Sig-Value).
bool signature_value_matches(const X509* signer, std::string_view digest_to_sign,
                             std::string_view signature_value);

/// The DER ContentInfo of a SignedData: version 1, digest algorithm SHA-256, detached (no
/// eContent) with eContentType id-data, certificates = signer + `chain` (duplicates of the
/// signer left out), one SignerInfo (issuerAndSerialNumber) whose signed attributes are exactly
/// `preparation.signed_attributes` and whose signature is `signature_value`; when
/// `timestamp_token` (DER ContentInfo of an RFC 3161 TimeStampToken) is not empty, the unsigned
/// attribute id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14) holds it.
///
/// Built from the stored preparation alone, and checked before anything is returned: the
/// re-encoded attributes must be byte-identical to the stored ones and hash to
/// `digest_to_sign`; the signing-certificate-v2 attribute must name `signer`; the signature
/// value must verify (signature_value_matches); the token's message imprint must be the hash of
/// `signature_value` (any hash algorithm the token names). Each failure has its own `detail`:
/// `kUpstreamError` when the CA's value or the TSA's token is wrong (they come from the far
/// side), `kInternal` when the stored preparation or the certificates do not fit together or
/// OpenSSL fails.
Result<std::string> assemble_cms(const CmsPreparation& preparation, const X509* signer,
                                 const Certificates& chain, std::string_view signature_value,
                                 std::string_view timestamp_token = {});

/// Raw SHA-256 of `signature_value`: the message imprint to ask a TSA to stamp for a signature
/// timestamp (RFC 3161 Appendix A; CAdES-T / PAdES B-T).
std::string signature_timestamp_imprint(std::string_view signature_value);

}  // namespace lienthong::security::signing
