#include "core/mapping/language/path.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lienthong::mapping::detail {
namespace {

bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// The prefixes of qualified names in an XPath (`dc` in `dc:Ho/@xsi:type`), skipping string
// literals and axes (`child::`).
std::vector<std::string> used_prefixes(std::string_view xpath) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < xpath.size()) {
    const char c = xpath[i];
    if (c == '\'' || c == '"') {
      const auto end = xpath.find(c, i + 1);
      i = end == std::string_view::npos ? xpath.size() : end + 1;
      continue;
    }
    if (!name_start(c) || (i > 0 && name_char(xpath[i - 1]))) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < xpath.size() && name_char(xpath[i])) ++i;
    const bool qualified = i + 1 < xpath.size() && xpath[i] == ':' && xpath[i + 1] != ':';
    if (qualified) out.emplace_back(xpath.substr(start, i - start));
  }
  return out;
}

std::optional<std::size_t> array_index(std::string_view token) {
  if (token.empty() || token.size() > 9) return std::nullopt;
  if (token.size() > 1 && token.front() == '0') return std::nullopt;
  std::size_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

pugi::xpath_node context_of(const Scope& scope) {
  return pugi::xpath_node(scope.xml);
}

}  // namespace

Result<Path, std::string> Path::json(std::string_view text) {
  Path path;
  path.text_ = std::string(text);
  std::string_view rest = text;
  if (rest == ".") return path;
  if (rest.starts_with("$root")) {
    path.from_root_ = true;
    rest.remove_prefix(5);
  }
  if (!rest.empty() && rest.front() != '/') {
    return "'" + std::string(text) +
           "' is not a JSON path: write /a/b (JSON Pointer), $root/a/b or .";
  }
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the '/'
    const auto end = std::min(rest.find('/'), rest.size());
    const std::string_view raw = rest.substr(0, end);
    rest.remove_prefix(end);
    Token token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '~') {
        token.key += raw[i];
      } else if (i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token.key += raw[++i] == '0' ? '~' : '/';
      } else {
        return "'" + std::string(text) + "': '~' must be followed by 0 or 1 in a JSON Pointer";
      }
    }
    token.index = array_index(token.key);
    path.tokens_.push_back(std::move(token));
  }
  return path;
}

Result<Path, std::string> Path::xpath(std::string_view text,
                                      const std::vector<std::string>& declared_prefixes) {
  for (const auto& prefix : used_prefixes(text)) {
    if (prefix != "xml" && std::find(declared_prefixes.begin(), declared_prefixes.end(), prefix) ==
                               declared_prefixes.end()) {
      return "'" + std::string(text) + "': prefix '" + prefix +
             "' is not declared in \"namespaces\"";
    }
  }
  Path path;
  path.text_ = std::string(text);
  path.from_root_ = !text.empty() && text.front() == '/';
  try {
    path.xpath_.emplace(path.text_.c_str());
  } catch (const pugi::xpath_exception& e) {
    return "'" + std::string(text) + "' is not a valid XPath: " + e.result().description() +
           " at character " + std::to_string(e.result().offset + 1);
  }
  return path;
}

const nlohmann::json* Path::json_at(const Scope& scope) const {
  const nlohmann::json* at = from_root_ ? scope.root : scope.node;
  for (const auto& token : tokens_) {
    if (at == nullptr) return nullptr;
    if (at->is_object()) {
      auto it = at->find(token.key);
      at = it == at->end() ? nullptr : &*it;
    } else if (at->is_array() && token.index && *token.index < at->size()) {
      at = &(*at)[*token.index];
    } else {
      return nullptr;
    }
  }
  return at != nullptr && !at->is_null() ? at : nullptr;
}

pugi::xpath_node_set Path::nodes(const Scope& scope) const {
  if (!xpath_ || !selects_nodes() || !scope.xml) return {};
  auto set = xpath_->evaluate_node_set(context_of(scope));
  set.sort();
  return set;
}

pugi::xml_node Path::first_node(const Scope& scope) const {
  if (!xpath_ || !selects_nodes() || !scope.xml) return {};
  return xpath_->evaluate_node(context_of(scope)).node();
}

bool Path::selects_nodes() const {
  return xpath_ && xpath_->return_type() == pugi::xpath_type_node_set;
}

Value Path::read(const Scope& scope) const {
  if (!xpath_) {
    const auto* at = json_at(scope);
    return at == nullptr ? Value() : Value::borrowed(*at);
  }
  if (!scope.xml) return {};
  const auto context = context_of(scope);
  switch (xpath_->return_type()) {
    case pugi::xpath_type_node_set: {
      const auto node = xpath_->evaluate_node(context);
      return node ? Value::owned(string_value(node)) : Value();
    }
    case pugi::xpath_type_string:
      return Value::owned(xpath_->evaluate_string(context));
    case pugi::xpath_type_boolean:
      return Value::owned(xpath_->evaluate_boolean(context));
    case pugi::xpath_type_number: {
      const double n = xpath_->evaluate_number(context);
      if (std::isnan(n)) return {};
      if (std::trunc(n) == n && std::fabs(n) < 9.0e15) {
        return Value::owned(static_cast<std::int64_t>(n));
      }
      return Value::owned(n);
    }
    default:
      return {};
  }
}

bool Path::present(const Scope& scope) const {
  if (!xpath_) return json_at(scope) != nullptr;
  if (!scope.xml) return false;
  if (selects_nodes()) return static_cast<bool>(xpath_->evaluate_node(context_of(scope)));
  const Value v = read(scope);
  if (v.absent()) return false;
  const auto& j = v.get();
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_string()) return !j.get_ref<const std::string&>().empty();
  return j != 0;
}

std::string string_value(const pugi::xpath_node& node) {
  if (node.attribute()) return node.attribute().value();
  const pugi::xml_node top = node.node();
  if (top.type() == pugi::node_pcdata || top.type() == pugi::node_cdata) return top.value();
  std::string out;
  // Iterative walk: the source's depth is bounded, but recursion is not needed either.
  pugi::xml_node n = top.first_child();
  while (n && n != top) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += n.value();
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != top && !n.next_sibling()) n = n.parent();
    if (n != top) n = n.next_sibling();
  }
  return out;
}

}  // namespace lienthong::mapping::detail
