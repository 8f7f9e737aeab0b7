#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/json_document.hpp"
#include "core/mapping/detail/compiler.hpp"

namespace lienthong::mapping::detail {

/// A compiled JSON template: a tree shaped like the output.
struct JsonNode {
  enum class Kind { kLiteral, kText, kObject, kArray, kEach, kIf };
  Kind kind = Kind::kLiteral;
  std::string rule;  ///< JSON Pointer into the output template
  nlohmann::json literal;
  std::optional<TextTemplate> text;
  std::vector<std::string> keys;   ///< kObject: member names, parallel to children
  std::vector<JsonNode> children;  ///< members, elements, or the one `$item` / `$then`
  std::optional<Path> path;        ///< `$each` / `$if`
};

/// Compiles the template at `pointer` in `doc`; errors go to `compiler`.
std::optional<JsonNode> compile_json_template(const config::JsonDocument& doc,
                                              const std::string& pointer, Compiler& compiler);

enum class Outcome { kPresent, kAbsent, kFailed };

/// Evaluation state shared down the tree.
struct EvalContext {
  const std::string& file;
  SourceFormat source;
  MappingError error;  ///< filled when an evaluation answers kFailed
};

/// Evaluates `node`; writes the value into `out` when present.
Outcome evaluate(const JsonNode& node, const Scope& scope, EvalContext& context,
                 nlohmann::json& out);

/// Fills `context.error` from an expression failure at `rule`.
Outcome fail(EvalContext& context, const std::string& rule, EvalFailure failure);

/// `base` + a path relative to it, for error messages (`/DaiDienPhapLuat/1` + `/HoTen`);
/// `input` unchanged when it is not relative.
std::string qualified_input(std::string_view base, const std::string& input, SourceFormat source);

/// The scopes `$each` / `map:each` iterates: JSON array elements (a lone value counts as a
/// one-element list) or XML nodes. Returns false when the path is absent.
bool each_scope(const Path& path, const Scope& scope, std::vector<Scope>& items);

}  // namespace lienthong::mapping::detail
