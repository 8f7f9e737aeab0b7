#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/mapping/detail/compiler.hpp"
#include "core/mapping/templates/json_template.hpp"

namespace lienthong::mapping::detail {

/// The namespace of the template's own attributes (`map:each`, `map:if`).
inline constexpr std::string_view kMappingNamespace = "urn:lienthong:mapping";

/// A compiled XML template node: an element or a text.
struct XmlNode {
  struct Attribute {
    std::string name;
    TextTemplate value;
    std::string rule;
  };
  bool element = true;
  std::string name;
  std::string rule;  ///< XML path (`/soap:Envelope/soap:Body/dc:X`, `.../@Id`)
  std::vector<Attribute> attributes;
  std::optional<Path> each;       ///< map:each
  std::optional<Path> condition;  ///< map:if
  std::vector<XmlNode> children;
  std::optional<TextTemplate> text;  ///< a text node
  bool block = false;                ///< only element children: written one per line
};

/// Compiles an XML template (a `.xml` mapping file). Errors go to `compiler`, located by line
/// (from pugixml's offsets) and XML path.
std::optional<XmlNode> compile_xml_template(std::string_view text, Compiler& compiler);

/// Writes the document (XML declaration, UTF-8) for one JSON source.
Outcome render_xml(const XmlNode& root, const Scope& scope, EvalContext& context, std::string& out);

}  // namespace lienthong::mapping::detail
