#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/openssl_ptr.hpp"

/// Verification of signed documents — PAdES / PDF signatures, CMS (.p7s) and enveloped
/// XML-DSig / XAdES — pure and I/O-free: the bytes in, one report per signature out. Whether a
/// signature is intact (its value verifies over what it covers) and whether its signer is
/// trusted are answered separately, so a caller can say "unchanged, but by an unknown signer".
namespace lienthong::security::signing {

struct SignatureReport {
  std::string format;  ///< "pades" | "cms" | "xmldsig"
  std::string field;   ///< PDF: the signature field's name (/T, as its bytes); else empty
  X509Ptr signer;      ///< the signer certificate (null when it could not be found)
  Certificates chain;  ///< the certificates the signature carried (the issuer for an OCSP check)
  std::string signer_subject;  ///< RFC 2253
  std::string serial;          ///< upper-case hex
  /// PDF /M, CMS signingTime, XAdES SigningTime (what the signer claims; not proof).
  std::optional<std::chrono::system_clock::time_point> claimed_time;
  /// genTime of a signature timestamp token that verifies: its imprint is the hash of the
  /// signature value, its TSA trusted by `trust` at genTime (CMS/PAdES unsigned attribute
  /// 1.2.840.113549.1.9.16.2.14; XAdES SignatureTimeStamp is not read yet).
  std::optional<std::chrono::system_clock::time_point> timestamp_time;
  /// The signature value verifies over the bytes it covers (CMS: and the message digest is the
  /// content's; PDF: of the /ByteRange bytes).
  bool intact = false;
  /// PDF: /ByteRange is [0 a b len-b] with only the /Contents hex string in the gap (nothing
  /// appended after signing). CMS / XML: true when intact.
  bool covers_whole_document = false;
  /// `trust` vouches for the signer at the timestamp's genTime when there is a valid timestamp,
  /// else now (the carried certificates helping to build the chain).
  bool chain_trusted = false;
  /// Why not intact or not trusted, for a person: "digest mismatch", "signature value does not
  /// verify", "certificate not trusted: …", "signer certificate not found", …; empty when all is
  /// well. A timestamp that does not verify is mentioned here too ("timestamp ignored: …").
  std::string problem;
};

/// Every signature field of the PDF (AcroForm /Fields, with /Kids, whose /FT is /Sig and that
/// have a /V), oldest first (by the end of the /ByteRange). A PDF without signatures gives an
/// empty vector. Errors (`kInvalid`): not a PDF, a broken structure (read_structure's words).
/// A broken signature dictionary is a report with `problem` set, not an error.
Result<std::vector<SignatureReport>> verify_pdf(std::string_view pdf, const TrustStore& trust);

/// A CMS SignedData (DER or PEM), one report per SignerInfo: detached over `content`, or
/// attached when `content` is empty. Errors (`kInvalid`): not a CMS SignedData, detached without
/// content.
Result<std::vector<SignatureReport>> verify_cms(std::string_view cms_der_or_pem,
                                                std::string_view content, const TrustStore& trust);

/// A document holding one enveloped (or enveloping) XML-DSig / XAdES signature, checked by
/// xmldsig's verify_any (enveloped transform allowed). Errors (`kInvalid`): not XML (the
/// parser's words), no ds:Signature. More than one signature: one report with the problem.
Result<std::vector<SignatureReport>> verify_xml(std::string_view xml, const TrustStore& trust);

}  // namespace lienthong::security::signing
