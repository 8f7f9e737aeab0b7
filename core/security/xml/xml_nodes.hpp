#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lienthong::security::detail {

inline constexpr std::string_view kDsigNs = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr std::string_view kSoap11Ns = "http://schemas.xmlsoap.org/soap/envelope/";

inline std::string_view view(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}
inline const xmlChar* xml_chars(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

/// True for an element with this namespace URI and local name.
bool is_element(const xmlNode* n, std::string_view ns, std::string_view local);

/// Element children, in order.
std::vector<xmlNode*> child_elements(const xmlNode* parent);

/// Every element of the document (pre-order) with this namespace URI and local name.
std::vector<xmlNode*> find_elements(xmlDoc* doc, std::string_view ns, std::string_view local);

/// Value of an attribute without namespace, if present.
std::optional<std::string> attribute(const xmlNode* n, const char* name);

/// The text content of a node.
std::string text_of(const xmlNode* n);

/// An element and the Id-like attribute on it that carries a given value.
struct IdHolder {
  xmlNode* element = nullptr;
  xmlAttr* attr = nullptr;
};

/// Every element carrying `value` in an attribute whose local name is Id, ID or id, in any
/// namespace (so wsu:Id and xml:id count): a wrapping attack must not hide a second holder.
std::vector<IdHolder> elements_with_id(xmlDoc* doc, std::string_view value);

/// The first Id-like attribute of `element` (Id, ID, id; any namespace), or null.
xmlAttr* id_attribute(xmlNode* element);

/// True for a same-document reference "#name" whose name is a plain XML name (letters, digits,
/// '_', '-', '.'; not starting with a digit, '-' or '.'): no XPointer, no quotes.
bool is_plain_fragment(std::string_view uri);

/// True when `ancestor` is `n` or one of its ancestors.
bool is_within(const xmlNode* n, const xmlNode* ancestor);

}  // namespace lienthong::security::detail
