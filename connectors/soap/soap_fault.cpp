#include "connectors/soap/soap_fault.hpp"

#include <pugixml.hpp>
#include <string>

namespace lienthong::connectors {
namespace {

constexpr std::string_view kSoap11 = "http://schemas.xmlsoap.org/soap/envelope/";

std::string_view local_name(const char* qname) {
  std::string_view n(qname);
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// The namespace URI an element's prefix is bound to, looking up the ancestors.
std::string_view namespace_of(pugi::xml_node node) {
  std::string_view n(node.name());
  auto colon = n.find(':');
  std::string attr = colon == std::string_view::npos ? std::string("xmlns")
                                                     : "xmlns:" + std::string(n.substr(0, colon));
  for (auto p = node; p; p = p.parent()) {
    if (auto a = p.attribute(attr.c_str())) return a.value();
  }
  return {};
}

pugi::xml_node child_named(pugi::xml_node parent, std::string_view local) {
  for (auto c : parent.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == local) return c;
  }
  return {};
}

std::string text_of(pugi::xml_node node) {
  std::string t = node.text().get();
  auto first = t.find_first_not_of(" \t\r\n");
  auto last = t.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : t.substr(first, last - first + 1);
}

}  // namespace

SoapAnswer read_soap_answer(std::string_view xml, int http_status) {
  SoapAnswer out;
  if (xml.find("<!DOCTYPE") != std::string_view::npos ||
      xml.find("<!ENTITY") != std::string_view::npos) {
    return out;
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default & ~pugi::parse_doctype)) {
    return out;
  }
  auto envelope = doc.document_element();
  if (local_name(envelope.name()) != "Envelope" || namespace_of(envelope) != kSoap11) return out;
  auto body = child_named(envelope, "Body");
  if (!body) return out;
  out.envelope = true;
  auto fault = child_named(body, "Fault");
  if (!fault) return out;
  Upstream up{http_status, text_of(child_named(fault, "faultcode")),
              text_of(child_named(fault, "faultstring"))};
  if (auto detail = child_named(fault, "detail")) {
    for (auto c : detail.children()) {
      if (c.type() == pugi::node_element && !text_of(c).empty()) {
        up.code = text_of(c);
        break;
      }
    }
  }
  if (up.message.size() > 200) up.message.resize(200);
  out.fault = std::move(up);
  return out;
}

}  // namespace lienthong::connectors
