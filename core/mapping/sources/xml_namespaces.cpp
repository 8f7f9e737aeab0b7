#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/mapping/sources/source_document.hpp"

namespace lienthong::mapping::detail {
namespace {

// The prefix bindings in scope while walking, innermost last.
class Bindings {
 public:
  explicit Bindings(const Namespaces& declared) : declared_(declared) {}

  std::size_t mark() const { return bindings_.size(); }
  void restore(std::size_t mark) { bindings_.resize(mark); }

  // Reads the element's xmlns attributes into scope and removes them.
  void declare(pugi::xml_node element) {
    for (auto a = element.first_attribute(); a;) {
      const std::string_view name = a.name();
      const auto next = a.next_attribute();
      if (name == "xmlns" || name.starts_with("xmlns:")) {
        bindings_.emplace_back(name == "xmlns" ? "" : std::string(name.substr(6)), a.value());
        element.remove_attribute(a);
      }
      a = next;
    }
  }

  // The mapping's name for `qualified`, or an error for an undeclared prefix.
  std::optional<std::string> rename(std::string_view qualified, bool attribute,
                                    std::string& error) const {
    const auto colon = qualified.find(':');
    const std::string_view prefix =
        colon == std::string_view::npos ? "" : qualified.substr(0, colon);
    const std::string_view local =
        colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
    // Unprefixed attributes are in no namespace; xml:lang and friends keep their fixed prefix.
    if ((attribute && prefix.empty()) || prefix == "xml") return std::nullopt;
    std::optional<std::string_view> uri;
    for (auto it = bindings_.rbegin(); !uri && it != bindings_.rend(); ++it) {
      if (it->first == prefix) uri = it->second;
    }
    if (!uri && !prefix.empty()) {
      error = "prefix '" + std::string(prefix) + "' of <" + std::string(qualified) +
              "> is not declared";
      return std::nullopt;
    }
    std::string renamed(local);
    for (const auto& [mine, declared_uri] : declared_) {
      if (uri && *uri == declared_uri) renamed = mine + ":" + std::string(local);
    }
    if (renamed == qualified) return std::nullopt;
    return renamed;
  }

 private:
  const Namespaces& declared_;
  std::vector<std::pair<std::string, std::string>> bindings_;
};

std::optional<std::string> rename_element(pugi::xml_node element, Bindings& bindings) {
  bindings.declare(element);
  std::string error;
  if (auto name = bindings.rename(element.name(), false, error)) element.set_name(name->c_str());
  if (!error.empty()) return error;
  for (auto a : element.attributes()) {
    if (auto name = bindings.rename(a.name(), true, error)) a.set_name(name->c_str());
    if (!error.empty()) return error;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> normalize_namespaces(pugi::xml_document& doc,
                                                const Namespaces& namespaces, int max_depth) {
  Bindings bindings(namespaces);
  std::vector<std::size_t> marks;  // one per open element
  pugi::xml_node node = doc.first_child();
  while (node) {
    if (node.type() == pugi::node_element) {
      if (marks.size() >= static_cast<std::size_t>(max_depth)) {
        return "nested deeper than " + std::to_string(max_depth) + " elements";
      }
      marks.push_back(bindings.mark());
      if (auto error = rename_element(node, bindings)) return error;
      if (node.first_child()) {
        node = node.first_child();
        continue;
      }
      bindings.restore(marks.back());
      marks.pop_back();
    }
    while (!node.next_sibling()) {
      node = node.parent();
      if (!node || node.type() == pugi::node_document) return std::nullopt;
      bindings.restore(marks.back());
      marks.pop_back();
    }
    node = node.next_sibling();
  }
  return std::nullopt;
}

}  // namespace lienthong::mapping::detail
