#include "core/mapping/language/expression.hpp"

namespace lienthong::mapping::detail {
namespace {

Value read(const Source& source, const Scope& scope) {
  switch (source.kind) {
    case SourceSyntax::Kind::kLiteral:
      return Value::borrowed(source.literal);
    case SourceSyntax::Kind::kPath:
      return source.path->read(scope);
    case SourceSyntax::Kind::kList:
      break;
  }
  auto list = nlohmann::json::array();
  for (const auto& item : source.items) {
    auto v = read(item, scope);
    if (!v.absent()) list.push_back(v.take());
  }
  return Value::owned(std::move(list));
}

}  // namespace

Result<Value, EvalFailure> evaluate(const Expression& expression, const Scope& scope) {
  Value value = read(expression.source, scope);
  for (const auto& filter : expression.filters) {
    auto next = filter.apply(filter, std::move(value));
    if (!next) {
      auto failure = std::move(next).error();
      failure.input_path = expression.source.text;
      if (failure.kind == MappingError::Kind::kBadValue) {
        failure.reason = filter.name + ": " + failure.reason;
      }
      return failure;
    }
    value = std::move(next).value();
  }
  return value;
}

Result<Value, EvalFailure> evaluate(const TextTemplate& text, const Scope& scope) {
  if (!text.has_expressions()) return Value::borrowed(text.constant);
  if (text.single) return evaluate(*text.parts.front().expression, scope);
  std::string out;
  for (const auto& part : text.parts) {
    if (!part.expression) {
      out += part.literal;
      continue;
    }
    auto value = evaluate(*part.expression, scope);
    if (!value) return value;
    if (value->absent()) return Value();
    const auto& json = value->get();
    if (json.is_string()) {
      out += json.get_ref<const std::string&>();
    } else if (auto written = scalar_text(json)) {
      out += *written;
    } else {
      return EvalFailure{MappingError::Kind::kBadValue, part.expression->source.text,
                         "cannot put " + std::string(kind_name(json)) + " into text"};
    }
  }
  return Value::owned(std::move(out));
}

}  // namespace lienthong::mapping::detail
