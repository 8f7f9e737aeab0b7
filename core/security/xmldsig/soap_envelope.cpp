#include "core/security/xmldsig/soap_envelope.hpp"

#include "core/security/xml/xml_nodes.hpp"

namespace lienthong::security::detail {

SoapEnvelope inspect_envelope(xmlDoc* doc) {
  SoapEnvelope out;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!is_element(root, kSoap11Ns, "Envelope")) return out;
  out.envelope = root;
  for (xmlNode* c : child_elements(root)) {
    if (is_element(c, kSoap11Ns, "Header")) out.headers.push_back(c);
    if (is_element(c, kSoap11Ns, "Body")) out.bodies.push_back(c);
  }
  out.all_bodies = find_elements(doc, kSoap11Ns, "Body");
  return out;
}

}  // namespace lienthong::security::detail
