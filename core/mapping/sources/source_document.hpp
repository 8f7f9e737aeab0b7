#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::mapping::detail {

inline constexpr std::size_t kMaxSourceBytes = 8 * 1024 * 1024;
inline constexpr int kMaxSourceDepth = 256;

/// Namespace prefixes a mapping declares: (prefix, URI).
using Namespaces = std::vector<std::pair<std::string, std::string>>;

/// Parses a JSON source of bounded size and nesting; the error says why it is refused.
Result<nlohmann::json, std::string> parse_json_source(std::string_view text);

/// Parses an XML source into `doc`: UTF-8 only, no DOCTYPE (so no DTD, no entity expansion),
/// bounded size and element depth; then renames every element and attribute to the mapping's
/// prefix for its namespace (see normalize_namespaces). Returns why it is refused, or nullopt.
std::optional<std::string> parse_xml_source(std::string_view text, const Namespaces& namespaces,
                                            pugi::xml_document& doc);

/// Renames each element and attribute to `<prefix>:<local>`, using the prefix the mapping
/// declared for its namespace URI (local name alone when the mapping declared none), and drops
/// the xmlns attributes. pugixml's XPath compares names as plain strings and no library we
/// use offers namespace-aware XPath over pugixml, so the wire's own prefixes (`ns2:`, a default
/// namespace) are rewritten to the mapping's before any query runs. Also enforces the depth
/// limit while walking.
std::optional<std::string> normalize_namespaces(pugi::xml_document& doc,
                                                const Namespaces& namespaces, int max_depth);

}  // namespace lienthong::mapping::detail
