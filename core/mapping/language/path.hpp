#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/mapping/detail/value.hpp"

namespace lienthong::mapping::detail {

/// Where paths are resolved: the document root and the current node (the root, the mapping's
/// `context`, or the `$each` item). JSON sources use `root`/`node`, XML sources `xml`.
struct Scope {
  const nlohmann::json* root = nullptr;
  const nlohmann::json* node = nullptr;
  pugi::xml_node xml;
};

/// A source path compiled once at load: a JSON Pointer (also `$root/...` and `.`) for JSON
/// sources, an XPath 1.0 query for XML sources.
class Path {
 public:
  /// Compiles a JSON path: `/a/0/b` (from the current node), `$root/a` (from the document
  /// root), `.` (the current node).
  static Result<Path, std::string> json(std::string_view text);
  /// Compiles an XPath query. Element names must use the prefixes of `declared_prefixes`.
  static Result<Path, std::string> xpath(std::string_view text,
                                         const std::vector<std::string>& declared_prefixes);

  /// The value at the path: JSON null and empty node-sets are absent. XML nodes give their
  /// text; XPath numbers, strings and booleans give typed values.
  [[nodiscard]] Value read(const Scope& scope) const;
  /// True when the path exists (non-null JSON, non-empty node-set, true XPath boolean).
  [[nodiscard]] bool present(const Scope& scope) const;
  /// JSON sources: the value at the path, or nullptr.
  [[nodiscard]] const nlohmann::json* json_at(const Scope& scope) const;
  /// XML sources: the nodes the path selects, in document order.
  [[nodiscard]] pugi::xpath_node_set nodes(const Scope& scope) const;
  /// XML sources: the first node the path selects in document order (empty when none).
  [[nodiscard]] pugi::xml_node first_node(const Scope& scope) const;
  /// XML sources: whether the query yields nodes (only those can be iterated or be a context).
  [[nodiscard]] bool selects_nodes() const;

  /// The path as written.
  [[nodiscard]] const std::string& text() const { return text_; }
  /// Read from the document root rather than the current node (`$root/...`, absolute XPath).
  [[nodiscard]] bool from_root() const { return from_root_; }

 private:
  struct Token {
    std::string key;
    std::optional<std::size_t> index;  // set when the token can address an array element
  };
  Path() = default;

  std::string text_;
  bool from_root_ = false;
  std::vector<Token> tokens_;
  std::optional<pugi::xpath_query> xpath_;
};

/// The XPath string-value of a node: an attribute's value, or all text below an element.
std::string string_value(const pugi::xpath_node& node);

}  // namespace lienthong::mapping::detail
