#include "core/mapping/sources/source_document.hpp"

#include <algorithm>
#include <cctype>

#include "core/mapping/filters/unicode.hpp"

namespace lienthong::mapping::detail {
namespace {

std::string too_large() {
  return "larger than " + std::to_string(kMaxSourceBytes / (1024 * 1024)) + " MiB";
}

std::string too_deep() {
  return "nested deeper than " + std::to_string(kMaxSourceDepth) + " levels";
}

// Deepest nesting of arrays and objects, outside strings; stops counting past the limit.
int json_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size() && deepest <= kMaxSourceDepth; ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

bool has_doctype(std::string_view text) {
  constexpr std::string_view kDoctype = "<!doctype";
  auto it =
      std::search(text.begin(), text.end(), kDoctype.begin(), kDoctype.end(),
                  [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return it != text.end();
}

int line_at(std::string_view text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

}  // namespace

Result<nlohmann::json, std::string> parse_json_source(std::string_view text) {
  if (text.size() > kMaxSourceBytes) return too_large();
  if (json_depth(text) > kMaxSourceDepth) return too_deep();
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    std::string reason = e.what();
    if (auto pos = reason.find("] "); pos != std::string::npos) reason.erase(0, pos + 2);
    return "not valid JSON: " + reason;
  }
}

std::optional<std::string> parse_xml_source(std::string_view text, const Namespaces& namespaces,
                                            pugi::xml_document& doc) {
  if (text.size() > kMaxSourceBytes) return too_large();
  if (has_doctype(text)) return std::string("DTD not allowed");
  if (!valid_utf8(text)) return std::string("not valid UTF-8");
  // Without parse_doctype pugixml never reads a DTD; entities other than the five predefined
  // ones and character references are left as text, never expanded.
  const auto parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return "not valid XML: " + std::string(parsed.description()) + " (line " +
           std::to_string(line_at(text, static_cast<std::size_t>(parsed.offset))) + ")";
  }
  if (!doc.document_element()) return std::string("not valid XML: no root element");
  return normalize_namespaces(doc, namespaces, kMaxSourceDepth);
}

}  // namespace lienthong::mapping::detail
