#include "sandbox/dancu/signature_faults.hpp"

#include <pugixml.hpp>
#include <sstream>

#include "core/security/xmldsig/xmldsig.hpp"
#include "sandbox/dancu/wire.hpp"
#include "sandbox/dancu/xml_names.hpp"

namespace lienthong::sandbox::dancu {
namespace {

constexpr std::string_view kDsigNs = "http://www.w3.org/2000/09/xmldsig#";
// Whitespace-only text is content to a signature: keep it, so untouched parts stay signed.
constexpr unsigned kParse = pugi::parse_default | pugi::parse_ws_pcdata;

bool load(pugi::xml_document& doc, const std::string& xml) {
  return static_cast<bool>(doc.load_string(xml.c_str(), kParse));
}

std::string to_text(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

pugi::xml_node find(pugi::xml_node root, std::string_view ns, std::string_view local) {
  return root.find_node([&](pugi::xml_node n) { return is_element(n, ns, local); });
}

std::string replace_signature_value(const std::string& signed_xml, const std::string& other) {
  pugi::xml_document mine;
  pugi::xml_document theirs;
  if (!load(mine, signed_xml) || !load(theirs, other)) return {};
  auto value = find(mine, kDsigNs, "SignatureValue");
  auto forged = find(theirs, kDsigNs, "SignatureValue");
  if (!value || !forged) return {};
  value.text().set(forged.text().get());
  return to_text(mine);
}

std::string tamper(const std::string& signed_xml) {
  pugi::xml_document doc;
  if (!load(doc, signed_xml)) return {};
  auto body = find(doc, kSoapEnvelopeNs, "Body");
  // Change a name when there is one (a record), else add to the empty collection.
  if (auto given = find(body, kDancuNs, "Ten")) {
    given.text().set((std::string(given.text().get()) + "h").c_str());
  } else if (auto collection = find(body, kDancuNs, "CongdanCollection")) {
    collection.append_child("CongDan");
  }
  return to_text(doc);
}

std::string wrap(const std::string& signed_xml) {
  pugi::xml_document doc;
  if (!load(doc, signed_xml)) return {};
  auto envelope = doc.document_element();
  auto header = find(envelope, kSoapEnvelopeNs, "Header");
  auto body = find(envelope, kSoapEnvelopeNs, "Body");
  if (!header || !body) return {};
  auto wrapper = header.append_child("Wrapper");
  wrapper.append_copy(body);
  envelope.remove_child(body);
  auto forged = envelope.append_child((std::string(kAnswerEnvelopePrefix) + ":Body").c_str());
  auto collection = forged.append_child("CongdanCollection");
  collection.append_attribute("xmlns").set_value(std::string(kDancuNs).c_str());
  return to_text(doc);
}

}  // namespace

std::string spoil_signature(FaultMode mode, const std::string& unsigned_xml,
                            const std::string& signed_xml, const security::SigningIdentity& other) {
  switch (mode) {
    case FaultMode::kUnsigned:
      return unsigned_xml;
    case FaultMode::kBadSignature: {
      auto by_other = security::sign_soap(unsigned_xml, other);
      return by_other ? replace_signature_value(signed_xml, *by_other) : std::string();
    }
    case FaultMode::kTampered:
      return tamper(signed_xml);
    case FaultMode::kWrapped:
      return wrap(signed_xml);
    default:
      return signed_xml;
  }
}

}  // namespace lienthong::sandbox::dancu
