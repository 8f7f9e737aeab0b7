#include "sandbox/dancu/xml_names.hpp"

#include <string>

namespace lienthong::sandbox::dancu {
namespace {

constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

}  // namespace

std::optional<std::string_view> lookup_namespace(pugi::xml_node element, std::string_view prefix) {
  if (prefix == "xml") return kXmlNs;
  const std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (auto node = element; node && node.type() == pugi::node_element; node = node.parent()) {
    if (auto declared = node.attribute(attribute.c_str()))
      return std::string_view(declared.value());
  }
  if (prefix.empty()) return std::string_view();
  return std::nullopt;
}

std::optional<ExpandedName> expanded_name(pugi::xml_node element) {
  const std::string_view name = element.name();
  const auto colon = name.find(':');
  const auto prefix = colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
  const auto local = colon == std::string_view::npos ? name : name.substr(colon + 1);
  auto ns = lookup_namespace(element, prefix);
  if (!ns) return std::nullopt;
  return ExpandedName{*ns, local};
}

bool is_element(pugi::xml_node element, std::string_view ns, std::string_view local) {
  auto name = expanded_name(element);
  return name && name->ns == ns && name->local == local;
}

}  // namespace lienthong::sandbox::dancu
