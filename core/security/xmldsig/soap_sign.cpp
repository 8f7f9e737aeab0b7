// sign_soap(): profile dancu-dsig-1, signing side.
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <openssl/x509v3.h>
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/transforms.h>

#include "core/security/certificates/certificates.hpp"
#include "core/security/xml/xml_nodes.hpp"
#include "core/security/xml/xml_parse.hpp"
#include "core/security/xml/xml_security_init.hpp"
#include "core/security/xmldsig/soap_envelope.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "core/security/xmldsig/xmlsec_run.hpp"

namespace lienthong::security {
namespace {

using detail::xml_chars;

Problem internal(std::string detail) {
  return Problem::make(ProblemKind::kInternal, "cannot sign: " + std::move(detail));
}

// The Body's Id: the one it has, or a new `Id` attribute whose value no element uses yet.
Result<xmlAttr*, std::string> body_id(xmlDoc* doc, xmlNode* body) {
  if (xmlAttr* existing = detail::id_attribute(body)) return existing;
  std::string value = "Body";
  for (int i = 1; !detail::elements_with_id(doc, value).empty(); ++i) {
    value = "Body-" + std::to_string(i);
  }
  xmlAttr* attr = xmlNewProp(body, xml_chars("Id"), xml_chars(value.c_str()));
  if (attr == nullptr) return std::string("cannot set the Body's Id");
  return attr;
}

// Template: <ds:Signature> with exc-c14n, rsa-sha256 and one Reference (exc-c14n, sha256).
xmlNode* signature_template(xmlDoc* doc, const std::string& uri) {
  xmlNode* sig = xmlSecTmplSignatureCreateNsPref(
      doc, xmlSecTransformExclC14NId, xmlSecTransformRsaSha256Id, nullptr, xml_chars("ds"));
  if (sig == nullptr) return nullptr;
  xmlNode* ref = xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id, nullptr,
                                                 xml_chars(uri.c_str()), nullptr);
  if (ref == nullptr ||
      xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId) == nullptr) {
    xmlFreeNode(sig);
    return nullptr;
  }
  return sig;
}

// KeyInfo/X509Data with the signer certificate and its intermediates. KeyInfo is not covered by
// the signature, so it is filled in after signing, from the identity, not by xmlsec.
bool add_key_info(xmlNode* sig, const SigningIdentity& identity) {
  xmlNode* key_info = xmlSecTmplSignatureEnsureKeyInfo(sig, nullptr);
  xmlNode* x509 = key_info != nullptr ? xmlSecTmplKeyInfoAddX509Data(key_info) : nullptr;
  if (x509 == nullptr) return false;
  std::vector<X509*> certs{identity.certificate()};
  for (const auto& c : identity.chain()) {
    if (X509_check_issued(c.get(), c.get()) != X509_V_OK) certs.push_back(c.get());  // no roots
  }
  for (X509* c : certs) {
    const std::string b64 = der_base64(c);
    if (b64.empty() || xmlNewTextChild(x509, x509->ns, xml_chars("X509Certificate"),
                                       xml_chars(b64.c_str())) == nullptr) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<std::string, Problem> sign_soap(std::string_view envelope_xml,
                                       const SigningIdentity& identity) {
  if (EVP_PKEY_get_base_id(identity.key()) != EVP_PKEY_RSA) {
    return internal("dancu-dsig-1 signs with RSA-SHA256 and the signing key is not RSA");
  }
  auto parsed = parse_untrusted_xml(envelope_xml);
  if (!parsed) return internal(parsed.error());
  xmlDoc* doc = parsed->get();

  const auto soap = detail::inspect_envelope(doc);
  if (soap.envelope == nullptr) return internal("not a SOAP 1.1 Envelope");
  xmlNode* body = soap.only_body();
  if (body == nullptr) return internal("the Envelope must have exactly one Body");
  if (soap.headers.size() > 1) return internal("the Envelope has more than one Header");
  if (!detail::find_elements(doc, detail::kDsigNs, "Signature").empty()) {
    return internal("the envelope is already signed");
  }

  xmlNode* header = soap.headers.empty() ? nullptr : soap.headers.front();
  if (header == nullptr) {
    header = xmlNewDocNode(doc, soap.envelope->ns, xml_chars("Header"), nullptr);
    if (header == nullptr || xmlAddPrevSibling(body, header) == nullptr) {
      return internal("cannot add a soap:Header");
    }
  }

  auto id_attr = body_id(doc, body);
  if (!id_attr) return internal(id_attr.error());
  xmlChar* raw_id = xmlNodeListGetString(doc, (*id_attr)->children, 1);
  const std::string id(detail::view(raw_id));
  xmlFree(raw_id);
  const std::string uri = "#" + id;
  if (!detail::is_plain_fragment(uri)) return internal("the Body's Id is not a plain name");
  if (detail::elements_with_id(doc, id).size() != 1) return internal("duplicate Id attribute");
  if (xmlAddID(nullptr, doc, xml_chars(id.c_str()), *id_attr) == nullptr) {
    return internal("cannot register the Body's Id");
  }

  xmlNode* sig = signature_template(doc, uri);
  if (sig == nullptr) return internal("cannot build the signature template");
  xmlAddChild(header, sig);

  detail::clear_xmlsec_error();
  auto ctx = detail::make_dsig_context(identity.key(), xmlSecTransformUriTypeSameDocument);
  if (!ctx) return internal(ctx.error());
  if (xmlSecDSigCtxSign(ctx->get(), sig) < 0) {
    return internal("xmlsec: " + detail::last_xmlsec_error());
  }
  if (!add_key_info(sig, identity)) return internal("cannot add KeyInfo");

  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &out, &size, "UTF-8");
  if (out == nullptr) return internal("cannot serialise the envelope");
  std::string signed_xml(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return signed_xml;
}

}  // namespace lienthong::security
