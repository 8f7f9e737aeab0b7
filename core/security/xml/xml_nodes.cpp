#include "core/security/xml/xml_nodes.hpp"

namespace lienthong::security::detail {
namespace {

// Calls f(element) for every element below and including `root`, pre-order, no recursion.
template <class F>
void for_each_element(xmlNode* root, F&& f) {
  xmlNode* n = root;
  while (n != nullptr) {
    if (n->type == XML_ELEMENT_NODE) f(n);
    if (n->type == XML_ELEMENT_NODE && n->children != nullptr) {
      n = n->children;
      continue;
    }
    while (n != nullptr && n != root && n->next == nullptr) n = n->parent;
    if (n == nullptr || n == root) return;
    n = n->next;
  }
}

bool is_id_name(std::string_view name) {
  return name == "Id" || name == "ID" || name == "id";
}

}  // namespace

bool is_element(const xmlNode* n, std::string_view ns, std::string_view local) {
  return n != nullptr && n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
         view(n->ns->href) == ns && view(n->name) == local;
}

std::vector<xmlNode*> child_elements(const xmlNode* parent) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = parent != nullptr ? parent->children : nullptr; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  }
  return out;
}

std::vector<xmlNode*> find_elements(xmlDoc* doc, std::string_view ns, std::string_view local) {
  std::vector<xmlNode*> out;
  for_each_element(xmlDocGetRootElement(doc), [&](xmlNode* n) {
    if (is_element(n, ns, local)) out.push_back(n);
  });
  return out;
}

std::optional<std::string> attribute(const xmlNode* n, const char* name) {
  xmlAttr* a = xmlHasNsProp(n, xml_chars(name), nullptr);
  if (a == nullptr) return std::nullopt;
  xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
  std::string out(view(v));
  xmlFree(v);
  return out;
}

std::string text_of(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string out(view(v));
  xmlFree(v);
  return out;
}

std::vector<IdHolder> elements_with_id(xmlDoc* doc, std::string_view value) {
  std::vector<IdHolder> out;
  for_each_element(xmlDocGetRootElement(doc), [&](xmlNode* n) {
    for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      if (!is_id_name(view(a->name))) continue;
      xmlChar* v = xmlNodeListGetString(doc, a->children, 1);
      const bool match = view(v) == value;
      xmlFree(v);
      if (match) {
        out.push_back({n, a});
        break;  // one holder per element, even if it repeats the value in Id and wsu:Id
      }
    }
  });
  return out;
}

xmlAttr* id_attribute(xmlNode* element) {
  for (xmlAttr* a = element->properties; a != nullptr; a = a->next) {
    if (is_id_name(view(a->name))) return a;
  }
  return nullptr;
}

bool is_plain_fragment(std::string_view uri) {
  if (uri.size() < 2 || uri.front() != '#') return false;
  const std::string_view name = uri.substr(1);
  const auto letter = [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
  };
  if (!letter(static_cast<unsigned char>(name.front()))) return false;
  for (unsigned char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') return false;
  }
  return true;
}

bool is_within(const xmlNode* n, const xmlNode* ancestor) {
  for (; n != nullptr; n = n->parent) {
    if (n == ancestor) return true;
  }
  return false;
}

}  // namespace lienthong::security::detail
