// verify_soap(): profile dancu-dsig-1, verifying side, with the signature-wrapping defence.
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <xmlsec/transforms.h>

#include "core/security/certificates/certificates.hpp"
#include "core/security/xml/xml_nodes.hpp"
#include "core/security/xml/xml_parse.hpp"
#include "core/security/xmldsig/signature_parts.hpp"
#include "core/security/xmldsig/signer.hpp"
#include "core/security/xmldsig/soap_envelope.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "core/security/xmldsig/xmlsec_run.hpp"

namespace lienthong::security {
namespace {

using detail::kDsigNs;
using detail::kSoap11Ns;

Problem refused(std::string detail) {
  return Problem::make(ProblemKind::kUpstreamError, std::move(detail));
}

// Everything about where the signature is and what it points at, before any cryptography.
// Returns the Body's Id attribute, registered as an ID so that xmlsec resolves "#id" to it.
Result<xmlAttr*, std::string> check_shape(xmlDoc* doc, const detail::SoapEnvelope& soap,
                                          const detail::SignatureParts& parts) {
  const bool in_header =
      soap.headers.size() == 1 && detail::is_within(parts.signature, soap.headers.front());
  if (!in_header) return std::string("signature must be in the soap:Header");
  if (parts.references.size() != 1) {
    return std::string("signature must have exactly one reference");
  }
  const auto& ref = parts.references.front();
  if (!ref.uri || !detail::is_plain_fragment(*ref.uri)) {
    return std::string("reference must point to the soap:Body");
  }
  const auto holders = detail::elements_with_id(doc, ref.uri->substr(1));
  if (holders.empty()) return std::string("reference target not found");
  if (holders.size() > 1) return std::string("duplicate Id attribute");
  xmlNode* target = holders.front().element;
  if (!detail::is_element(target, kSoap11Ns, "Body")) {
    return std::string("reference must point to the soap:Body");
  }
  if (target != soap.only_body()) {
    return std::string("signed element is not the Envelope's only Body");
  }
  // The profile: the Body is canonicalised with exclusive C14N, nothing else.
  if (ref.transforms.size() != 1 || ref.transforms.front() != algorithm::kExcC14n) {
    return std::string("reference transforms must be exactly exclusive C14N");
  }
  if (parts.c14n_method != algorithm::kExcC14n) {
    return std::string("canonicalization must be exclusive C14N");
  }
  xmlAttr* attr = holders.front().attr;
  if (xmlAddID(nullptr, doc, detail::xml_chars(ref.uri->c_str() + 1), attr) == nullptr) {
    return std::string("duplicate Id attribute");
  }
  return attr;
}

}  // namespace

Result<VerifiedBody, Problem> verify_soap(std::string_view envelope_xml, const TrustStore& trust,
                                          const AlgorithmPolicy& policy,
                                          std::optional<std::time_t> at) {
  auto parsed = parse_untrusted_xml(envelope_xml);
  if (!parsed) return refused(parsed.error());
  xmlDoc* doc = parsed->get();
  const auto soap = detail::inspect_envelope(doc);
  if (soap.envelope == nullptr) return refused("not a SOAP 1.1 Envelope");

  const auto signatures = detail::find_elements(doc, kDsigNs, "Signature");
  if (signatures.empty()) return refused("signature missing");
  if (signatures.size() > 1) return refused("more than one signature");
  auto parts = detail::read_signature(signatures.front());
  if (!parts) return refused(parts.error());
  if (auto shape = check_shape(doc, soap, *parts); !shape) return refused(shape.error());

  // Who signed, then whether we may believe them, then how.
  if (parts->key_info == nullptr) return refused("signer certificate missing");
  auto signer = detail::find_signer(parts->key_info, {});
  if (!signer) return refused(signer.error());
  if (auto t = detail::check_signer_trust(*signer, trust, at); !t) return refused(t.error());
  if (auto a = detail::check_algorithms(*parts, policy); !a) return refused(a.error());
  if (auto k = detail::check_signer_key(*signer, policy); !k) return refused(k.error());

  auto digested =
      detail::xmlsec_verify(parts->signature, X509_get0_pubkey(signer->certificate.get()), policy,
                            xmlSecTransformUriTypeSameDocument);
  if (!digested) {
    switch (digested.error().kind) {
      case detail::CryptoFailureKind::kDigest:
        return refused("digest of the signed Body does not match");
      case detail::CryptoFailureKind::kSignatureValue:
        return refused("signature value does not verify");
      case detail::CryptoFailureKind::kProcessing:
        return refused("signature could not be verified: " + digested.error().detail);
    }
  }
  if (digested->size() != 1 || digested->front().empty()) {
    return refused("signature could not be verified: no digested Body");
  }
  VerifiedBody out;
  out.body_xml = std::move(digested->front());
  out.signer.subject = subject_of(signer->certificate.get());
  out.signer.certificate_sha256 = sha256_fingerprint(signer->certificate.get());
  return out;
}

}  // namespace lienthong::security
