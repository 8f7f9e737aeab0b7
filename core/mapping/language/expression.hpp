#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/mapping/filters/filters.hpp"
#include "core/mapping/language/path.hpp"
#include "core/mapping/language/syntax.hpp"

namespace lienthong::mapping::detail {

/// A compiled expression source: a path, a literal, or a list of those.
struct Source {
  SourceSyntax::Kind kind = SourceSyntax::Kind::kPath;
  std::string text;  ///< as written: names the input in errors
  std::optional<Path> path;
  nlohmann::json literal;
  std::vector<Source> items;
};

/// `source | filter | ...`, compiled.
struct Expression {
  Source source;
  std::vector<Filter> filters;
};

/// Reads the source and runs the filters. A list drops its absent items.
Result<Value, EvalFailure> evaluate(const Expression& expression, const Scope& scope);

/// A template string: text and expressions. Exactly one expression gives its typed value;
/// a mix gives text, absent when any expression in it is absent.
struct TextTemplate {
  struct Part {
    std::string literal;
    std::optional<Expression> expression;
  };
  std::vector<Part> parts;
  nlohmann::json constant;  ///< the text when it holds no expression
  bool single = false;      ///< exactly one expression and nothing else

  [[nodiscard]] bool has_expressions() const { return constant.is_null(); }
};

Result<Value, EvalFailure> evaluate(const TextTemplate& text, const Scope& scope);

}  // namespace lienthong::mapping::detail
