#include "core/mapping/templates/xml_template.hpp"

#include <pugixml.hpp>

namespace lienthong::mapping::detail {
namespace {

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

class XmlCompiler {
 public:
  XmlCompiler(std::string_view text, Compiler& compiler) : text_(text), compiler_(compiler) {}

  std::optional<XmlNode> run() {
    pugi::xml_document doc;
    const auto parsed =
        doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
      compiler_.fail(Site{"", line_at(static_cast<std::size_t>(parsed.offset)), ""},
                     std::string("invalid XML: ") + parsed.description());
      return std::nullopt;
    }
    const auto root = doc.document_element();
    if (!root) {
      compiler_.fail(Site{}, "no root element");
      return std::nullopt;
    }
    find_mapping_prefix(root);
    auto out = element(root, "");
    if (out && out->each) {
      compiler_.fail(site(root, out->rule), map_prefix_ + ":each cannot repeat the root element");
      return std::nullopt;
    }
    return out;
  }

 private:
  int line_at(std::size_t offset) const {
    int line = 1;
    for (std::size_t i = 0; i < offset && i < text_.size(); ++i) line += text_[i] == '\n';
    return line;
  }

  Site site(const pugi::xml_node& node, const std::string& rule, std::size_t extra = 0) const {
    return Site{rule, line_at(static_cast<std::size_t>(node.offset_debug()) + extra), rule};
  }

  // pugixml keeps no offsets for attributes: look for the name after the element's start.
  Site attribute_site(const pugi::xml_node& owner, std::string_view name,
                      const std::string& rule) const {
    const auto start = static_cast<std::size_t>(owner.offset_debug());
    const auto at = text_.find(name, start);
    return Site{rule, line_at(at == std::string_view::npos ? start : at), rule};
  }

  void find_mapping_prefix(const pugi::xml_node& root) {
    for (const auto& a : root.attributes()) {
      const std::string_view name = a.name();
      if (name.starts_with("xmlns:") && a.value() == kMappingNamespace) {
        map_prefix_ = std::string(name.substr(6));
      }
    }
  }

  std::optional<Path> directive(const pugi::xml_node& owner, const pugi::xml_attribute& a,
                                const std::string& rule) {
    const std::string attribute_rule = rule + "/@" + a.name();
    const auto where = attribute_site(owner, a.name(), attribute_rule);
    auto path = compiler_.path(a.value(), where);
    if (path) return path;
    return std::nullopt;
  }

  // map:each and map:if, read in the enclosing scope.
  bool directives(const pugi::xml_node& node, XmlNode& out) {
    bool ok = true;
    for (const auto& a : node.attributes()) {
      const std::string_view name = a.name();
      if (name == map_prefix_ + ":each") {
        out.each = directive(node, a, out.rule);
        ok = ok && out.each.has_value();
      } else if (name == map_prefix_ + ":if") {
        out.condition = directive(node, a, out.rule);
        ok = ok && out.condition.has_value();
      }
    }
    return ok;
  }

  // The element's own attributes, read in its scope (the item, under map:each).
  bool attributes(const pugi::xml_node& node, XmlNode& out) {
    bool ok = true;
    const std::string prefix = map_prefix_ + ":";
    for (const auto& a : node.attributes()) {
      const std::string_view name = a.name();
      if (name == "xmlns:" + map_prefix_ || name == prefix + "each" || name == prefix + "if") {
        continue;
      }
      const std::string rule = out.rule + "/@" + a.name();
      if (name.starts_with(prefix)) {
        compiler_.fail(attribute_site(node, name, rule),
                       "unknown mapping attribute (known: " + prefix + "each, " + prefix + "if)");
        ok = false;
        continue;
      }
      auto value = compiler_.text(a.value(), attribute_site(node, name, rule));
      if (!value) {
        ok = false;
        continue;
      }
      out.attributes.push_back({a.name(), std::move(*value), rule});
    }
    return ok;
  }

  std::optional<XmlNode> text_node(const pugi::xml_node& node, std::string_view value,
                                   const std::string& rule) {
    XmlNode out;
    out.element = false;
    out.rule = rule;
    // The expression's own line: count the newlines before it in the node's whole text.
    const std::string_view raw = node.value();
    const auto open = raw.find("{{");
    const auto before = raw.substr(0, open == std::string_view::npos ? 0 : open);
    std::size_t newlines = 0;
    for (char c : before) newlines += c == '\n';
    const auto base = line_at(static_cast<std::size_t>(node.offset_debug()));
    out.text = compiler_.text(value, Site{rule, base + static_cast<int>(newlines), rule});
    if (!out.text) return std::nullopt;
    return out;
  }

  std::optional<XmlNode> element(const pugi::xml_node& node, const std::string& parent_rule) {
    XmlNode out;
    out.name = node.name();
    out.rule = parent_rule + "/" + out.name;
    bool ok = directives(node, out);
    if (out.each) ++compiler_.each_depth;
    ok = attributes(node, out) && ok;
    std::size_t texts = 0;
    std::size_t elements = 0;
    for (const auto& child : node.children()) {
      const auto type = child.type();
      texts += type == pugi::node_pcdata || type == pugi::node_cdata;
      elements += type == pugi::node_element;
    }
    for (const auto& child : node.children()) {
      std::optional<XmlNode> compiled;
      if (child.type() == pugi::node_element) {
        compiled = element(child, out.rule);
      } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        if (elements > 0 && blank(child.value())) continue;
        // A lone text is trimmed so that a pretty-printed template still means one expression.
        const std::string_view value =
            elements == 0 && texts == 1 ? trimmed(child.value()) : child.value();
        compiled = text_node(child, value, out.rule);
      } else {
        continue;
      }
      if (!compiled) {
        ok = false;
        continue;
      }
      out.children.push_back(std::move(*compiled));
    }
    if (out.each) --compiler_.each_depth;
    out.block = texts == 0 && elements > 0;
    if (!ok) return std::nullopt;
    return out;
  }

  std::string_view text_;
  Compiler& compiler_;
  std::string map_prefix_ = "map";
};

}  // namespace

std::optional<XmlNode> compile_xml_template(std::string_view text, Compiler& compiler) {
  return XmlCompiler(text, compiler).run();
}

}  // namespace lienthong::mapping::detail
