#include "core/mapping/detail/compiler.hpp"

namespace lienthong::mapping::detail {

void Compiler::fail(const Site& site, std::string reason) {
  errors.push_back({file_, site.line, site.key_path, std::move(reason)});
}

std::optional<Path> Compiler::path(std::string_view text, const Site& site) {
  auto compiled = source_ == SourceFormat::kJson ? Path::json(text) : Path::xpath(text, prefixes);
  if (!compiled) {
    fail(site, std::move(compiled).error());
    return std::nullopt;
  }
  SourceRef ref;
  ref.path = std::string(text);
  ref.rule = site.rule;
  ref.line = site.line;
  if (source_ == SourceFormat::kJson) {
    // `$root/a` reads `/a` of the document: report it so, for check-config.
    if (text.starts_with("$root/")) ref.path = std::string(text.substr(5));
    ref.relative = !compiled->from_root() && (each_depth > 0 || has_context);
  } else {
    ref.relative = !compiled->from_root();
  }
  refs.push_back(std::move(ref));
  return std::move(compiled).value();
}

std::optional<Source> Compiler::source(const SourceSyntax& syntax, const Site& site) {
  Source out;
  out.kind = syntax.kind;
  out.text = syntax.text;
  out.literal = syntax.literal;
  bool ok = true;
  if (syntax.kind == SourceSyntax::Kind::kPath) {
    out.path = path(syntax.text, site);
    ok = out.path.has_value();
  }
  for (const auto& item : syntax.items) {
    auto compiled = source(item, site);
    if (compiled) out.items.push_back(std::move(*compiled));
    ok = ok && compiled.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Expression> Compiler::expression(std::string_view text, const Site& site) {
  auto syntax = parse_expression(text);
  if (!syntax) {
    fail(site, "in {{" + std::string(text) + "}}: " + syntax.error());
    return std::nullopt;
  }
  Expression out;
  auto compiled_source = source(syntax->source, site);
  bool ok = compiled_source.has_value();
  if (ok) out.source = std::move(*compiled_source);
  for (const auto& filter : syntax->filters) {
    auto compiled = compile_filter(filter, tables_);
    if (!compiled) {
      fail(site, std::move(compiled).error());
      ok = false;
      continue;
    }
    out.filters.push_back(std::move(compiled).value());
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<TextTemplate> Compiler::text(std::string_view text, const Site& site) {
  auto pieces = split_template(text);
  if (!pieces) {
    fail(site, pieces.error());
    return std::nullopt;
  }
  TextTemplate out;
  bool ok = true;
  std::size_t expressions = 0;
  for (auto& piece : *pieces) {
    TextTemplate::Part part;
    if (piece.expression) {
      ++expressions;
      part.expression = expression(piece.text, site);
      ok = ok && part.expression.has_value();
    } else {
      part.literal = std::move(piece.text);
    }
    out.parts.push_back(std::move(part));
  }
  if (!ok) return std::nullopt;
  if (expressions == 0) out.constant = std::string(text);
  out.single = expressions == 1 && out.parts.size() == 1;
  return out;
}

}  // namespace lienthong::mapping::detail
