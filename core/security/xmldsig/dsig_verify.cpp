// verify_any(): one ds:Signature of any common shape, for interop vectors.
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <xmlsec/transforms.h>

#include "core/security/certificates/certificates.hpp"
#include "core/security/xml/xml_nodes.hpp"
#include "core/security/xml/xml_parse.hpp"
#include "core/security/xmldsig/signature_parts.hpp"
#include "core/security/xmldsig/signer.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "core/security/xmldsig/xmlsec_run.hpp"

namespace lienthong::security {
namespace {

Problem refused(std::string detail) {
  return Problem::make(ProblemKind::kUpstreamError, std::move(detail));
}

Result<void, std::string> check_uris(const detail::SignatureParts& parts) {
  for (const auto& ref : parts.references) {
    if (!ref.uri) return std::string("reference URI not allowed: (none)");
    if (ref.uri->empty() || detail::is_plain_fragment(*ref.uri)) continue;
    // The URI is the sender's text: keep the detail short.
    return "reference URI not allowed: " + ref.uri->substr(0, 200);
  }
  return {};
}

// Registers the one element each "#id" reference points at; refuses missing or repeated ids.
Result<void, std::string> register_ids(xmlDoc* doc, const detail::SignatureParts& parts) {
  for (const auto& ref : parts.references) {
    if (!ref.uri || ref.uri->empty()) continue;
    const std::string name = ref.uri->substr(1);
    const auto holders = detail::elements_with_id(doc, name);
    if (holders.empty()) return std::string("reference target not found");
    if (holders.size() > 1) return std::string("duplicate Id attribute");
    xmlAttr* known = xmlGetID(doc, detail::xml_chars(name.c_str()));
    if (known == nullptr) {
      xmlAddID(nullptr, doc, detail::xml_chars(name.c_str()), holders.front().attr);
    } else if (known != holders.front().attr) {
      return std::string("duplicate Id attribute");
    }
  }
  return {};
}

}  // namespace

Result<SignerInfo, Problem> verify_any(std::string_view xml, const TrustStore& trust,
                                       const AlgorithmPolicy& policy, std::optional<std::time_t> at,
                                       const Certificates& untrusted) {
  auto parsed = parse_untrusted_xml(xml);
  if (!parsed) return refused(parsed.error());
  xmlDoc* doc = parsed->get();
  const auto signatures = detail::find_elements(doc, detail::kDsigNs, "Signature");
  if (signatures.empty()) return refused("signature missing");
  if (signatures.size() > 1) return refused("more than one signature");
  auto parts = detail::read_signature(signatures.front());
  if (!parts) return refused(parts.error());

  auto signer = detail::find_signer(parts->key_info, untrusted);
  if (!signer) return refused(signer.error());
  if (auto t = detail::check_signer_trust(*signer, trust, at); !t) return refused(t.error());
  if (auto u = check_uris(*parts); !u) return refused(u.error());
  if (auto a = detail::check_algorithms(*parts, policy); !a) return refused(a.error());
  if (auto k = detail::check_signer_key(*signer, policy); !k) return refused(k.error());
  if (auto i = register_ids(doc, *parts); !i) return refused(i.error());

  auto digested =
      detail::xmlsec_verify(parts->signature, X509_get0_pubkey(signer->certificate.get()), policy,
                            xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument);
  if (!digested) {
    switch (digested.error().kind) {
      case detail::CryptoFailureKind::kDigest:
        return refused("reference digest does not match");
      case detail::CryptoFailureKind::kSignatureValue:
        return refused("signature value does not verify");
      case detail::CryptoFailureKind::kProcessing:
        return refused("signature could not be verified: " + digested.error().detail);
    }
  }
  return SignerInfo{subject_of(signer->certificate.get()),
                    sha256_fingerprint(signer->certificate.get())};
}

}  // namespace lienthong::security
