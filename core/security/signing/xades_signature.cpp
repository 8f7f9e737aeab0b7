#include "core/security/signing/xades_signature.hpp"

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <array>

#include "core/base/base64.hpp"
#include "core/base/digest.hpp"
#include "core/security/signing/xades_c14n.hpp"
#include "core/security/signing/xades_properties.hpp"
#include "core/security/xml/xml_nodes.hpp"
#include "core/security/xml/xml_parse.hpp"

namespace lienthong::security::signing {
namespace {

using security::detail::kDsigNs;
using security::detail::xml_chars;

constexpr const char* kExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
constexpr const char* kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
constexpr const char* kSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
constexpr const char* kEnveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

Problem invalid(std::string detail) {
  return Problem::make(ProblemKind::kInvalid, std::move(detail));
}
Problem internal(const std::string& detail) {
  return Problem::make(ProblemKind::kInternal, "cannot build the XAdES signature: " + detail);
}

std::string sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) return {};
  return {reinterpret_cast<const char*>(md.data()), len};
}

std::string str(std::string_view s) {
  return std::string(s);
}

// Element helpers: a child in namespace `ns`, with text escaped by libxml2.
xmlNode* add(xmlNode* parent, xmlNs* ns, const char* name, const std::string& text = {}) {
  return xmlNewTextChild(parent, ns, xml_chars(name),
                         text.empty() ? nullptr : xml_chars(text.c_str()));
}
void set(xmlNode* element, const char* attr, const std::string& value) {
  xmlNewProp(element, xml_chars(attr), xml_chars(value.c_str()));
}
xmlNode* add_with_algorithm(xmlNode* parent, xmlNs* ns, const char* name, const char* uri) {
  xmlNode* n = add(parent, ns, name);
  if (n != nullptr) set(n, "Algorithm", uri);
  return n;
}

struct Ids {
  std::string signature;
  std::string document_reference;
  std::string signed_properties;
  std::string signature_value;
};

// Stable for one signer and one signing time, so both halves agree without shared state, and
// two officials (or one official at two moments) co-signing a document do not collide.
Ids ids_for(const std::string& signer_der, const std::string& signing_time) {
  const std::string base = "xades-" + sha256_hex(signer_der + "\n" + signing_time).substr(0, 16);
  return {base, base + "-ref0", base + "-signedprops", base + "-sigvalue"};
}

// The signature under construction and the nodes filled in later.
struct Built {
  XmlDocPtr doc;
  xmlNode* signature = nullptr;
  xmlNode* signed_info = nullptr;
  xmlNode* document_digest = nullptr;
  xmlNode* properties_digest = nullptr;
  xmlNode* signed_properties = nullptr;
  xmlNode* signature_value = nullptr;
  std::string signature_id;
  std::string digest;  ///< SHA-256 of the canonical SignedInfo
};

xmlNode* add_reference(xmlNode* signed_info, xmlNs* ds, const char* uri,
                       std::initializer_list<const char*> transforms, xmlNode** digest_value) {
  xmlNode* ref = add(signed_info, ds, "Reference");
  xmlNode* list = ref != nullptr ? add(ref, ds, "Transforms") : nullptr;
  if (list == nullptr) return nullptr;
  set(ref, "URI", uri);
  for (const char* t : transforms) {
    if (add_with_algorithm(list, ds, "Transform", t) == nullptr) return nullptr;
  }
  if (add_with_algorithm(ref, ds, "DigestMethod", kSha256) == nullptr) return nullptr;
  *digest_value = add(ref, ds, "DigestValue");
  return *digest_value != nullptr ? ref : nullptr;
}

// KeyInfo/X509Data: the signer first, then the chain without roots or a second signer copy.
bool add_key_info(xmlNode* signature, xmlNs* ds, const X509* signer, const Certificates& chain) {
  xmlNode* key_info = add(signature, ds, "KeyInfo");
  xmlNode* data = key_info != nullptr ? add(key_info, ds, "X509Data") : nullptr;
  if (data == nullptr) return false;
  std::vector<const X509*> certs{signer};
  for (const auto& c : chain) {
    if (c == nullptr || X509_cmp(c.get(), signer) == 0) continue;
    if (X509_check_issued(c.get(), c.get()) == X509_V_OK) continue;  // a root: the verifier's
    certs.push_back(c.get());
  }
  for (const X509* c : certs) {
    const std::string der = detail::certificate_der(c);
    if (der.empty() || add(data, ds, "X509Certificate", base64_encode(der)) == nullptr) {
      return false;
    }
  }
  return true;
}

// ds:Object/xades:QualifyingProperties with the signed properties of XAdES-BES.
xmlNode* add_qualifying_properties(xmlNode* signature, xmlNs* ds, const Ids& ids,
                                   const std::string& signer_der, const X509* signer,
                                   const std::string& signing_time) {
  const auto issuer_serial = detail::issuer_serial_der(signer);
  if (!issuer_serial) return nullptr;
  xmlNode* object = add(signature, ds, "Object");
  xmlNode* qualifying = object != nullptr ? add(object, nullptr, "QualifyingProperties") : nullptr;
  if (qualifying == nullptr) return nullptr;
  xmlNs* xades = xmlNewNs(qualifying, xml_chars(str(kXadesNs).c_str()), xml_chars("xades"));
  if (xades == nullptr) return nullptr;
  xmlSetNs(qualifying, xades);
  set(qualifying, "Target", "#" + ids.signature);

  xmlNode* props = add(qualifying, xades, "SignedProperties");
  xmlNode* sig_props = props != nullptr ? add(props, xades, "SignedSignatureProperties") : nullptr;
  if (sig_props == nullptr) return nullptr;
  set(props, "Id", ids.signed_properties);
  add(sig_props, xades, "SigningTime", signing_time);
  xmlNode* cert_list = add(sig_props, xades, "SigningCertificateV2");
  xmlNode* cert = cert_list != nullptr ? add(cert_list, xades, "Cert") : nullptr;
  xmlNode* digest = cert != nullptr ? add(cert, xades, "CertDigest") : nullptr;
  if (digest == nullptr || add_with_algorithm(digest, ds, "DigestMethod", kSha256) == nullptr ||
      add(digest, ds, "DigestValue", base64_encode(sha256(signer_der))) == nullptr ||
      add(cert, xades, "IssuerSerialV2", base64_encode(*issuer_serial)) == nullptr) {
    return nullptr;
  }

  xmlNode* data_props = add(props, xades, "SignedDataObjectProperties");
  xmlNode* format = data_props != nullptr ? add(data_props, xades, "DataObjectFormat") : nullptr;
  if (format == nullptr || add(format, xades, "MimeType", "text/xml") == nullptr) return nullptr;
  set(format, "ObjectReference", "#" + ids.document_reference);
  return props;
}

// Refuses a document that already carries one of our Ids (a second run over signed output, or
// a document that would make "#id" ambiguous for a verifier).
Result<void> check_ids_free(xmlDoc* doc, const Ids& ids) {
  for (const std::string* id :
       {&ids.signature, &ids.document_reference, &ids.signed_properties, &ids.signature_value}) {
    const auto holders = security::detail::elements_with_id(doc, *id);
    if (holders.empty()) continue;
    for (const auto& h : holders) {
      if (security::detail::is_element(h.element, kDsigNs, "Signature")) {
        return invalid("document already holds a signature with Id " + *id);
      }
    }
    return invalid("Id already used in the document: " + *id);
  }
  return {};
}

void set_text(xmlNode* element, const std::string& text) {
  xmlNodeAddContent(element, xml_chars(text.c_str()));
}

Result<Built> build(std::string_view xml, const X509* signer, const Certificates& chain,
                    const XadesFields& fields) {
  if (signer == nullptr) return invalid("no signer certificate");
  const EVP_PKEY* key = X509_get0_pubkey(signer);
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    return invalid("signer key is not RSA");
  }
  auto parsed = parse_untrusted_xml(xml);
  if (!parsed) return invalid(std::move(parsed).error());

  Built b;
  b.doc = std::move(*parsed);
  xmlDoc* doc = b.doc.get();
  xmlNode* root = xmlDocGetRootElement(doc);
  const std::string signer_der = detail::certificate_der(signer);
  if (signer_der.empty()) return internal("cannot encode the signer certificate");
  const std::string signing_time = detail::xades_date_time(fields.signing_time);
  const Ids ids = ids_for(signer_der, signing_time);
  if (auto free = check_ids_free(doc, ids); !free) return std::move(free).error();
  b.signature_id = ids.signature;

  // As the last child of the document element, with no whitespace around it: removing it (the
  // enveloped-signature transform) gives back the document as it came.
  b.signature = xmlNewDocNode(doc, nullptr, xml_chars("Signature"), nullptr);
  if (b.signature == nullptr || xmlAddChild(root, b.signature) == nullptr) {
    return internal("cannot add ds:Signature");
  }
  xmlNs* ds = xmlNewNs(b.signature, xml_chars(str(kDsigNs).c_str()), xml_chars("ds"));
  if (ds == nullptr) return internal("cannot declare the ds namespace");
  xmlSetNs(b.signature, ds);
  set(b.signature, "Id", ids.signature);

  b.signed_info = add(b.signature, ds, "SignedInfo");
  if (b.signed_info == nullptr ||
      add_with_algorithm(b.signed_info, ds, "CanonicalizationMethod", kExcC14n) == nullptr ||
      add_with_algorithm(b.signed_info, ds, "SignatureMethod", kRsaSha256) == nullptr) {
    return internal("cannot build SignedInfo");
  }
  xmlNode* doc_ref =
      add_reference(b.signed_info, ds, "", {kEnveloped, kExcC14n}, &b.document_digest);
  xmlNode* props_ref = add_reference(b.signed_info, ds, ("#" + ids.signed_properties).c_str(),
                                     {kExcC14n}, &b.properties_digest);
  if (doc_ref == nullptr || props_ref == nullptr) return internal("cannot build the references");
  set(doc_ref, "Id", ids.document_reference);
  set(props_ref, "Type", str(kSignedPropertiesType));

  b.signature_value = add(b.signature, ds, "SignatureValue");
  if (b.signature_value == nullptr) return internal("cannot build SignatureValue");
  set(b.signature_value, "Id", ids.signature_value);
  if (!add_key_info(b.signature, ds, signer, chain)) return internal("cannot build KeyInfo");
  b.signed_properties =
      add_qualifying_properties(b.signature, ds, ids, signer_der, signer, signing_time);
  if (b.signed_properties == nullptr) return internal("cannot build QualifyingProperties");

  // The digests, in the order a verifier needs them: the references, then SignedInfo.
  const auto document = detail::exclusive_c14n(doc, nullptr, b.signature);
  if (!document) return internal("cannot canonicalise the document");
  set_text(b.document_digest, base64_encode(sha256(*document)));
  const auto properties = detail::exclusive_c14n(doc, b.signed_properties);
  if (!properties) return internal("cannot canonicalise SignedProperties");
  set_text(b.properties_digest, base64_encode(sha256(*properties)));
  const auto signed_info = detail::exclusive_c14n(doc, b.signed_info);
  if (!signed_info) return internal("cannot canonicalise SignedInfo");
  b.digest = sha256(*signed_info);
  if (b.digest.size() != 32) return internal("SHA-256 failed");
  return b;
}

}  // namespace

Result<PreparedXml> prepare_xades(std::string_view xml, const X509* signer,
                                  const Certificates& chain, const XadesFields& fields) {
  auto built = build(xml, signer, chain, fields);
  if (!built) return std::move(built).error();
  return PreparedXml{built->digest, built->signature_id};
}

Result<std::string> embed_xades(std::string_view xml, const X509* signer, const Certificates& chain,
                                const XadesFields& fields, std::string_view signature_value,
                                std::string_view expected_digest) {
  auto built = build(xml, signer, chain, fields);
  if (!built) return std::move(built).error();
  if (!expected_digest.empty() && expected_digest != built->digest) {
    return invalid(
        "the document, certificates or signing time differ from what was prepared (another "
        "digest)");
  }
  if (signature_value.empty()) return invalid("signature value is empty");
  const int modulus = EVP_PKEY_get_size(X509_get0_pubkey(signer));
  if (static_cast<int>(signature_value.size()) != modulus) {
    return invalid("signature value has " + std::to_string(signature_value.size()) +
                   " bytes, the signer's RSA key makes " + std::to_string(modulus));
  }
  set_text(built->signature_value, base64_encode(signature_value));

  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(built->doc.get(), &out, &size, "UTF-8");
  if (out == nullptr) return internal("cannot serialise the document");
  std::string signed_xml(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return signed_xml;
}

}  // namespace lienthong::security::signing
