#include "core/schema/detail/schema_compiler.hpp"

#include <array>
#include <set>
#include <utility>

namespace lienthong::schema::detail {
namespace {

using config::ConfigErrors;
using config::JsonDocument;
using nlohmann::json;

// Which JSON type a keyword constrains; a keyword whose type the node excludes is a mistake.
enum class Applies { kAny, kString, kNumber, kArray, kObject };

constexpr std::array<std::pair<std::string_view, unsigned>, 7> kTypeNames{{
    {"string", kString},
    {"integer", kInteger},
    {"number", kNumber},
    {"boolean", kBoolean},
    {"object", kObject},
    {"array", kArray},
    {"null", kNull},
}};

std::string child(const std::string& pointer, std::string_view token) {
  return pointer + "/" + config::escape_pointer_token(token);
}

std::optional<unsigned> type_bit(std::string_view name) {
  for (const auto& [n, bit] : kTypeNames) {
    if (n == name) return bit;
  }
  return std::nullopt;
}

unsigned applies_mask(Applies a) {
  switch (a) {
    case Applies::kString:
      return kString;
    case Applies::kNumber:
      return kInteger | kNumber;
    case Applies::kArray:
      return kArray;
    case Applies::kObject:
      return kObject;
    case Applies::kAny:
      break;
  }
  return ~0U;
}

std::string_view applies_noun(Applies a) {
  switch (a) {
    case Applies::kString:
      return "strings";
    case Applies::kNumber:
      return "numbers";
    case Applies::kArray:
      return "arrays";
    case Applies::kObject:
      return "objects";
    case Applies::kAny:
      break;
  }
  return "values";
}

class Compiler {
 public:
  Compiler(const JsonDocument& doc, ConfigErrors& errors) : doc_(doc), errors_(errors) {}

  std::unique_ptr<Node> compile_node(const json& schema, const std::string& pointer) {
    auto node = std::make_unique<Node>();
    if (!schema.is_object()) {
      error(pointer, "must be a schema object");
      return node;
    }
    for (const auto& [key, value] : schema.items()) {
      const auto* kw = find_keyword(key);
      if (kw == nullptr) {
        error(child(pointer, key), "unknown keyword (see core/schema/README.md)");
        continue;
      }
      (this->*kw->read)(*node, value, child(pointer, key));
    }
    check_applies(*node, schema, pointer);
    check_bounds(*node, pointer);
    check_object_names(*node, schema, pointer);
    return node;
  }

 private:
  using Reader = void (Compiler::*)(Node&, const json&, const std::string&);
  struct Keyword {
    std::string_view name;
    Applies applies;
    Reader read;
  };

  static const Keyword* find_keyword(std::string_view name) {
    static constexpr std::array<Keyword, 22> kKeywords{{
        {"type", Applies::kAny, &Compiler::read_type},
        {"enum", Applies::kAny, &Compiler::read_enum},
        {"const", Applies::kAny, &Compiler::read_const},
        {"description", Applies::kAny, &Compiler::read_text},
        {"title", Applies::kAny, &Compiler::read_text},
        {"$comment", Applies::kAny, &Compiler::read_text},
        {"$schema", Applies::kAny, &Compiler::read_text},
        {"$id", Applies::kAny, &Compiler::read_text},
        {"examples", Applies::kAny, &Compiler::read_examples},
        {"minLength", Applies::kString, &Compiler::read_min_length},
        {"maxLength", Applies::kString, &Compiler::read_max_length},
        {"pattern", Applies::kString, &Compiler::read_pattern},
        {"format", Applies::kString, &Compiler::read_format},
        {"minimum", Applies::kNumber, &Compiler::read_minimum},
        {"maximum", Applies::kNumber, &Compiler::read_maximum},
        {"items", Applies::kArray, &Compiler::read_items},
        {"minItems", Applies::kArray, &Compiler::read_min_items},
        {"maxItems", Applies::kArray, &Compiler::read_max_items},
        {"properties", Applies::kObject, &Compiler::read_properties},
        {"required", Applies::kObject, &Compiler::read_required},
        {"additionalProperties", Applies::kObject, &Compiler::read_additional},
        {"x-citizenIdMatchesBirthDate", Applies::kObject, &Compiler::read_citizen_id_rule},
    }};
    for (const auto& kw : kKeywords) {
      if (kw.name == name) return &kw;
    }
    return nullptr;
  }

  void error(const std::string& pointer, std::string reason) {
    errors_.push_back(doc_.error_at(pointer, std::move(reason)));
  }

  void read_type(Node& node, const json& v, const std::string& ptr) {
    if (v.is_string()) {
      node.types = type_name(v, ptr);
      return;
    }
    if (!v.is_array() || v.empty()) {
      error(ptr, "must be a type name or a non-empty list of type names");
      return;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      const unsigned bit = type_name(v[i], child(ptr, std::to_string(i)));
      if ((node.types & bit) != 0) error(child(ptr, std::to_string(i)), "is listed twice");
      node.types |= bit;
    }
  }

  unsigned type_name(const json& v, const std::string& ptr) {
    const auto bit = v.is_string() ? type_bit(v.get<std::string>()) : std::nullopt;
    if (!bit) error(ptr, "must be one of string, integer, number, boolean, object, array, null");
    return bit.value_or(0);
  }

  void read_enum(Node& node, const json& v, const std::string& ptr) {
    if (!v.is_array() || v.empty()) {
      error(ptr, "must be a non-empty list of values");
      return;
    }
    node.enum_values = std::vector<json>(v.begin(), v.end());
  }

  void read_const(Node& node, const json& v, const std::string& /*ptr*/) { node.const_value = v; }

  void read_text(Node& /*node*/, const json& v, const std::string& ptr) {
    if (!v.is_string()) error(ptr, "must be a string");
  }

  void read_examples(Node& /*node*/, const json& v, const std::string& ptr) {
    if (!v.is_array()) error(ptr, "must be a list of example values");
  }

  std::optional<std::size_t> count(const json& v, const std::string& ptr) {
    if (v.is_number_unsigned()) return v.get<std::size_t>();
    error(ptr, "must be a non-negative integer");
    return std::nullopt;
  }
  void read_min_length(Node& node, const json& v, const std::string& ptr) {
    node.min_length = count(v, ptr);
  }
  void read_max_length(Node& node, const json& v, const std::string& ptr) {
    node.max_length = count(v, ptr);
  }
  void read_min_items(Node& node, const json& v, const std::string& ptr) {
    node.min_items = count(v, ptr);
  }
  void read_max_items(Node& node, const json& v, const std::string& ptr) {
    node.max_items = count(v, ptr);
  }

  std::optional<double> number(const json& v, const std::string& ptr) {
    if (v.is_number()) return v.get<double>();
    error(ptr, "must be a number");
    return std::nullopt;
  }
  void read_minimum(Node& node, const json& v, const std::string& ptr) {
    node.minimum = number(v, ptr);
  }
  void read_maximum(Node& node, const json& v, const std::string& ptr) {
    node.maximum = number(v, ptr);
  }

  void read_pattern(Node& node, const json& v, const std::string& ptr) {
    if (!v.is_string()) {
      error(ptr, "must be a regular expression (a string)");
      return;
    }
    node.pattern_text = v.get<std::string>();
    try {
      node.pattern.emplace(node.pattern_text, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      error(ptr, std::string("is not a valid ECMAScript regular expression: ") + e.what());
    }
  }

  void read_format(Node& node, const json& v, const std::string& ptr) {
    node.format = v.is_string() ? format_by_name(v.get<std::string>()) : std::nullopt;
    if (!node.format) error(ptr, "must be one of " + format_names());
  }

  void read_items(Node& node, const json& v, const std::string& ptr) {
    if (v.is_array()) {
      error(ptr, "must be one schema object (the list form is not supported)");
      return;
    }
    node.items = compile_node(v, ptr);
  }

  void read_properties(Node& node, const json& v, const std::string& ptr) {
    if (!v.is_object()) {
      error(ptr, "must be an object of property schemas");
      return;
    }
    for (const auto& [name, sub] : v.items()) {
      node.properties.emplace(name, compile_node(sub, child(ptr, name)));
    }
  }

  void read_required(Node& node, const json& v, const std::string& ptr) {
    if (!v.is_array()) {
      error(ptr, "must be a list of property names");
      return;
    }
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) {
        error(child(ptr, std::to_string(i)), "must be a property name (a string)");
      } else if (!seen.insert(v[i].get<std::string>()).second) {
        error(child(ptr, std::to_string(i)), "is listed twice");
      } else {
        node.required.push_back(v[i].get<std::string>());
      }
    }
  }

  void read_additional(Node& node, const json& v, const std::string& ptr) {
    if (!v.is_boolean()) {
      error(ptr, "must be true or false (schemas for additional properties are not supported)");
      return;
    }
    node.additional_properties = v.get<bool>();
  }

  void read_citizen_id_rule(Node& node, const json& v, const std::string& ptr) {
    if (!v.is_array() || v.size() != 2 || !v[0].is_string() || !v[1].is_string() || v[0] == v[1]) {
      error(ptr, R"(must name two properties, e.g. ["citizenId", "dateOfBirth"])");
      return;
    }
    node.citizen_id_matches_birth_date =
        CitizenIdBirthDateRule{v[0].get<std::string>(), v[1].get<std::string>()};
  }

  // A keyword for a type the node excludes can never apply: almost certainly a mistake.
  void check_applies(const Node& node, const json& schema, const std::string& pointer) {
    if (node.types == 0) return;
    for (const auto& [key, value] : schema.items()) {
      const auto* kw = find_keyword(key);
      if (kw == nullptr || (node.types & applies_mask(kw->applies)) != 0) continue;
      error(child(pointer, key),
            "has no effect: type does not allow " + std::string(applies_noun(kw->applies)));
    }
  }

  void check_bounds(const Node& node, const std::string& pointer) {
    if (node.min_length && node.max_length && *node.min_length > *node.max_length) {
      error(child(pointer, "maxLength"), "is less than minLength");
    }
    if (node.min_items && node.max_items && *node.min_items > *node.max_items) {
      error(child(pointer, "maxItems"), "is less than minItems");
    }
    if (node.minimum && node.maximum && *node.minimum > *node.maximum) {
      error(child(pointer, "maximum"), "is less than minimum");
    }
  }

  // Names in `required` and in the cross-field rule must be declared properties, or no
  // request could ever pass (additionalProperties is false) or the rule would never run.
  void check_object_names(const Node& node, const json& schema, const std::string& pointer) {
    const auto undeclared = [&](const json& name) {
      return name.is_string() && !node.properties.contains(name.get<std::string>());
    };
    if (auto it = schema.find("required");
        it != schema.end() && it->is_array() && !node.additional_properties) {
      for (std::size_t i = 0; i < it->size(); ++i) {
        if (undeclared((*it)[i])) {
          error(child(child(pointer, "required"), std::to_string(i)),
                "names a property that properties does not declare, and "
                "additionalProperties is false");
        }
      }
    }
    if (node.citizen_id_matches_birth_date) {
      const auto& rule = schema.at("x-citizenIdMatchesBirthDate");
      for (std::size_t i = 0; i < 2; ++i) {
        if (undeclared(rule[i])) {
          error(child(child(pointer, "x-citizenIdMatchesBirthDate"), std::to_string(i)),
                "names a property that properties does not declare");
        }
      }
    }
  }

  const JsonDocument& doc_;
  ConfigErrors& errors_;
};

}  // namespace

Result<std::unique_ptr<Node>, ConfigErrors> compile(const JsonDocument& doc) {
  ConfigErrors errors;
  auto root = Compiler(doc, errors).compile_node(doc.root(), "");
  if (!errors.empty()) return errors;
  return root;
}

}  // namespace lienthong::schema::detail
