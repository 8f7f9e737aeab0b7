#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::mapping::detail {

/// The source of an expression as written: a path, a literal, or a list `[a, 'b', c]`.
struct SourceSyntax {
  enum class Kind { kPath, kLiteral, kList };
  Kind kind = Kind::kPath;
  std::string text;  ///< as written (the path, or the literal's text)
  nlohmann::json literal;
  std::vector<SourceSyntax> items;
};

struct FilterSyntax {
  std::string name;
  std::vector<nlohmann::json> args;  ///< literals: strings, numbers, true, false, null
};

/// `source | filter | filter(arg, ...)`, the inside of `{{ ... }}`.
struct ExpressionSyntax {
  SourceSyntax source;
  std::vector<FilterSyntax> filters;
};

/// Parses the inside of `{{ ... }}`. The first top-level `|` ends a path, so XPath's union
/// operator cannot be used there (a list serves instead). Errors count characters from the
/// opening `{{` (the text is taken to start at its third character).
Result<ExpressionSyntax, std::string> parse_expression(std::string_view text);

/// A piece of a template string: literal text, or the inside of one `{{ ... }}`.
struct TextPiece {
  bool expression = false;
  std::string text;
};

/// Splits a template string into text and expressions. Fails on an unclosed `{{` or a stray
/// `}}` (write `{{ '}}' }}` for literal braces).
Result<std::vector<TextPiece>, std::string> split_template(std::string_view text);

}  // namespace lienthong::mapping::detail
