// Writes an XML template's output directly into one string: no DOM is built per message.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/mapping/templates/xml_template.hpp"

namespace lienthong::mapping::detail {
namespace {

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        out += c;
    }
  }
}

// XML 1.0 cannot carry control characters other than tab, newline and carriage return, not
// even as character references.
std::optional<char> forbidden_control(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') return c;
  }
  return std::nullopt;
}

class Renderer {
 public:
  Renderer(EvalContext& context, std::string& out) : context_(context), out_(out) {}

  // Writes every instance of `node` (map:if, map:each); `indent` < 0 writes it inline.
  Outcome element(const XmlNode& node, const Scope& scope, int indent) {
    if (node.condition && !node.condition->present(scope)) return Outcome::kAbsent;
    if (!node.each) return instance(node, scope, indent);
    std::vector<Scope> items;
    if (!each_scope(*node.each, scope, items)) return Outcome::kAbsent;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (instance(node, items[i], indent) == Outcome::kFailed) {
        context_.error.input_path = qualified_input(node.each->text() + "/" + std::to_string(i),
                                                    context_.error.input_path, context_.source);
        return Outcome::kFailed;
      }
    }
    return Outcome::kPresent;
  }

 private:
  // Writes one element; when a text in it is absent, takes back what it wrote.
  Outcome instance(const XmlNode& node, const Scope& scope, int indent) {
    const std::size_t mark = out_.size();
    if (indent >= 0) {
      out_ += '\n';
      out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    }
    out_ += '<';
    out_ += node.name;
    for (const auto& attribute : node.attributes) {
      auto value = evaluate(attribute.value, scope);
      if (!value) return fail(attribute.rule, std::move(value).error());
      if (value->absent()) continue;
      out_ += ' ';
      out_ += attribute.name;
      out_ += "=\"";
      if (!append_value(value->get(), attribute.rule, attribute.value, true)) {
        return Outcome::kFailed;
      }
      out_ += '"';
    }
    out_ += '>';
    const std::size_t content = out_.size();
    const int child_indent = node.block ? std::max(indent, 0) + 1 : -1;
    for (const auto& child : node.children) {
      if (child.element) {
        if (element(child, scope, child_indent) == Outcome::kFailed) return Outcome::kFailed;
        continue;
      }
      auto value = evaluate(*child.text, scope);
      if (!value) return fail(child.rule, std::move(value).error());
      if (value->absent()) {
        out_.resize(mark);
        return Outcome::kAbsent;
      }
      if (!append_value(value->get(), child.rule, *child.text, false)) return Outcome::kFailed;
    }
    if (out_.size() == content) {
      out_.back() = '/';
      out_ += '>';
      return Outcome::kPresent;
    }
    if (node.block) {
      out_ += '\n';
      out_.append(static_cast<std::size_t>(std::max(indent, 0)) * 2, ' ');
    }
    out_ += "</";
    out_ += node.name;
    out_ += '>';
    return Outcome::kPresent;
  }

  bool append_value(const nlohmann::json& value, const std::string& rule, const TextTemplate& from,
                    bool attribute) {
    std::string written;
    if (!value.is_string()) {
      auto text = scalar_text(value);
      if (!text) {
        return refuse(rule, from, "cannot put " + std::string(kind_name(value)) + " into XML text");
      }
      written = std::move(*text);
    }
    const std::string_view text =
        value.is_string() ? std::string_view(value.get_ref<const std::string&>()) : written;
    if (auto c = forbidden_control(text)) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X",
                    static_cast<unsigned>(static_cast<unsigned char>(*c)));
      return refuse(rule, from, std::string("control character ") + code + " cannot go into XML");
    }
    append_escaped(out_, text, attribute);
    return true;
  }

  bool refuse(const std::string& rule, const TextTemplate& from, std::string reason) {
    // Names the first expression of the text: the one that brought the value in.
    std::string input;
    for (const auto& part : from.parts) {
      if (part.expression) {
        input = part.expression->source.text;
        break;
      }
    }
    fail(rule, EvalFailure{MappingError::Kind::kBadValue, std::move(input), std::move(reason)});
    return false;
  }

  Outcome fail(const std::string& rule, EvalFailure failure) {
    return detail::fail(context_, rule, std::move(failure));
  }

  EvalContext& context_;
  std::string& out_;
};

}  // namespace

Outcome render_xml(const XmlNode& root, const Scope& scope, EvalContext& context,
                   std::string& out) {
  out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  const auto outcome = Renderer(context, out).element(root, scope, -1);
  if (outcome == Outcome::kPresent) out += '\n';
  return outcome;
}

}  // namespace lienthong::mapping::detail
