#include "core/mapping/templates/json_template.hpp"

namespace lienthong::mapping::detail {
namespace {

using config::escape_pointer_token;

struct Place {
  std::string pointer;  // in the file
  std::string rule;     // in the output template
};

Site site_of(const config::JsonDocument& doc, const Place& place) {
  return Site{place.rule, doc.line_of(place.pointer), config::dotted(place.pointer)};
}

Place child(const Place& parent, std::string_view key) {
  const auto token = escape_pointer_token(key);
  return Place{parent.pointer + "/" + token, parent.rule + "/" + token};
}

std::optional<JsonNode> compile(const config::JsonDocument& doc, const nlohmann::json& value,
                                const Place& place, Compiler& compiler);

bool is_directive(const nlohmann::json& value) {
  if (!value.is_object()) return false;
  for (const auto& [key, member] : value.items()) {
    if (key.starts_with("$")) return true;
  }
  return false;
}

// Says what is wrong with an object that has `$` keys but neither `$each` nor `$if`.
void reject_directive(const config::JsonDocument& doc, const nlohmann::json& value,
                      const Place& place, Compiler& compiler) {
  for (const auto& [key, member] : value.items()) {
    if (!key.starts_with("$")) continue;
    std::string reason = "unknown directive (known: $each with $item, $if with $then)";
    if (key == "$item") reason = "$item needs $each next to it";
    if (key == "$then") reason = "$then needs $if next to it";
    compiler.fail(site_of(doc, child(place, key)), reason);
  }
}

// {"$each": path, "$item": template} or {"$if": path, "$then": template}.
std::optional<JsonNode> compile_directive(const config::JsonDocument& doc,
                                          const nlohmann::json& value, const Place& place,
                                          Compiler& compiler) {
  const bool each = value.contains("$each");
  if (!each && !value.contains("$if")) {
    reject_directive(doc, value, place, compiler);
    return std::nullopt;
  }
  const std::string path_key = each ? "$each" : "$if";
  const std::string body_key = each ? "$item" : "$then";
  bool ok = true;
  for (const auto& [key, member] : value.items()) {
    if (key != path_key && key != body_key) {
      compiler.fail(site_of(doc, child(place, key)),
                    "not allowed next to " + path_key + " (only " + body_key + ")");
      ok = false;
    }
  }
  if (!value.contains(body_key)) {
    compiler.fail(site_of(doc, place), path_key + " needs " + body_key + " next to it");
    return std::nullopt;
  }
  JsonNode node;
  node.kind = each ? JsonNode::Kind::kEach : JsonNode::Kind::kIf;
  node.rule = place.rule;
  const Place path_place = child(place, path_key);
  const auto& path_value = value[path_key];
  if (!path_value.is_string()) {
    compiler.fail(site_of(doc, path_place), path_key + " must be a path (text)");
    ok = false;
  } else {
    node.path = compiler.path(path_value.get<std::string>(), site_of(doc, path_place));
    ok = ok && node.path.has_value();
    if (node.path && each && compiler.source() == SourceFormat::kXml &&
        !node.path->selects_nodes()) {
      compiler.fail(site_of(doc, path_place), "$each must select nodes");
      ok = false;
    }
  }
  if (each) ++compiler.each_depth;
  auto body = compile(doc, value[body_key], child(place, body_key), compiler);
  if (each) --compiler.each_depth;
  if (!ok || !body) return std::nullopt;
  node.children.push_back(std::move(*body));
  return node;
}

std::optional<JsonNode> compile(const config::JsonDocument& doc, const nlohmann::json& value,
                                const Place& place, Compiler& compiler) {
  if (is_directive(value)) return compile_directive(doc, value, place, compiler);
  JsonNode node;
  node.rule = place.rule;
  bool ok = true;
  if (value.is_string()) {
    node.kind = JsonNode::Kind::kText;
    node.text = compiler.text(value.get<std::string>(), site_of(doc, place));
    ok = node.text.has_value();
  } else if (value.is_object() || value.is_array()) {
    node.kind = value.is_object() ? JsonNode::Kind::kObject : JsonNode::Kind::kArray;
    std::size_t index = 0;
    for (const auto& [key, member] : value.items()) {
      const auto name = value.is_object() ? key : std::to_string(index++);
      auto compiled = compile(doc, member, child(place, name), compiler);
      if (!compiled) {
        ok = false;
        continue;
      }
      node.keys.push_back(key);
      node.children.push_back(std::move(*compiled));
    }
  } else {
    node.literal = value;
  }
  if (!ok) return std::nullopt;
  return node;
}

Outcome evaluate_each(const JsonNode& node, const Scope& scope, EvalContext& context,
                      nlohmann::json& out) {
  std::vector<Scope> items;
  if (!each_scope(*node.path, scope, items)) return Outcome::kAbsent;
  out = nlohmann::json::array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    nlohmann::json item;
    const auto outcome = evaluate(node.children.front(), items[i], context, item);
    if (outcome == Outcome::kFailed) {
      const auto base = context.source == SourceFormat::kJson
                            ? node.path->text() + "/" + std::to_string(i)
                            : node.path->text() + "[" + std::to_string(i + 1) + "]";
      context.error.input_path = qualified_input(base, context.error.input_path, context.source);
      return outcome;
    }
    if (outcome == Outcome::kPresent) out.push_back(std::move(item));
  }
  return Outcome::kPresent;
}

}  // namespace

std::optional<JsonNode> compile_json_template(const config::JsonDocument& doc,
                                              const std::string& pointer, Compiler& compiler) {
  return compile(doc, doc.root().at(nlohmann::json::json_pointer(pointer)), Place{pointer, ""},
                 compiler);
}

Outcome fail(EvalContext& context, const std::string& rule, EvalFailure failure) {
  context.error = MappingError{failure.kind, context.file, rule, std::move(failure.input_path),
                               std::move(failure.reason)};
  return Outcome::kFailed;
}

Outcome evaluate(const JsonNode& node, const Scope& scope, EvalContext& context,
                 nlohmann::json& out) {
  switch (node.kind) {
    case JsonNode::Kind::kLiteral:
      out = node.literal;
      return Outcome::kPresent;
    case JsonNode::Kind::kText: {
      auto value = evaluate(*node.text, scope);
      if (!value) return fail(context, node.rule, std::move(value).error());
      if (value->absent()) return Outcome::kAbsent;
      out = value->take();
      return Outcome::kPresent;
    }
    case JsonNode::Kind::kObject:
    case JsonNode::Kind::kArray: {
      const bool object = node.kind == JsonNode::Kind::kObject;
      out = object ? nlohmann::json::object() : nlohmann::json::array();
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        nlohmann::json member;
        const auto outcome = evaluate(node.children[i], scope, context, member);
        if (outcome == Outcome::kFailed) return outcome;
        if (outcome == Outcome::kAbsent) continue;
        if (object) {
          out[node.keys[i]] = std::move(member);
        } else {
          out.push_back(std::move(member));
        }
      }
      return Outcome::kPresent;
    }
    case JsonNode::Kind::kEach:
      return evaluate_each(node, scope, context, out);
    case JsonNode::Kind::kIf:
      if (!node.path->present(scope)) return Outcome::kAbsent;
      return evaluate(node.children.front(), scope, context, out);
  }
  return Outcome::kAbsent;
}

std::string qualified_input(std::string_view base, const std::string& input, SourceFormat source) {
  if (input.empty()) return input;
  if (input == ".") return std::string(base);
  if (source == SourceFormat::kJson) {
    return input.front() == '/' ? std::string(base) + input : input;
  }
  const char c = input.front();
  const bool relative = c == '@' || c == '.' || c == '_' || (c >= 'a' && c <= 'z') ||
                        (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
  return relative ? std::string(base) + "/" + input : input;
}

bool each_scope(const Path& path, const Scope& scope, std::vector<Scope>& items) {
  if (path.selects_nodes()) {
    const auto nodes = path.nodes(scope);
    if (nodes.empty()) return false;
    for (const auto& n : nodes) items.push_back(Scope{scope.root, scope.node, n.node()});
    return true;
  }
  const auto* value = path.json_at(scope);
  if (value == nullptr) return false;
  if (!value->is_array()) {
    items.push_back(Scope{scope.root, value, {}});
    return true;
  }
  for (const auto& element : *value) {
    if (!element.is_null()) items.push_back(Scope{scope.root, &element, {}});
  }
  return true;
}

}  // namespace lienthong::mapping::detail
