#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string_view>

namespace lienthong::sandbox::dancu {

/// pugixml keeps qualified names as written (`soap:Body`); these resolve them against the
/// `xmlns` declarations in scope, so the mock accepts any prefix a caller chooses.

/// An element's namespace URI and local name. `ns` is empty for an element in no namespace.
struct ExpandedName {
  std::string_view ns;
  std::string_view local;
  bool operator==(const ExpandedName&) const = default;
};

/// The namespace bound to `prefix` ("" = the default namespace) in scope at `element`;
/// nullopt when the prefix is not declared ("" with no default declared gives "").
std::optional<std::string_view> lookup_namespace(pugi::xml_node element, std::string_view prefix);

/// The expanded name of `element`, or nullopt when its prefix is not declared.
std::optional<ExpandedName> expanded_name(pugi::xml_node element);

/// True when `element` is `{ns}local`.
bool is_element(pugi::xml_node element, std::string_view ns, std::string_view local);

}  // namespace lienthong::sandbox::dancu
