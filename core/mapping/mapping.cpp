#include "core/mapping/mapping.hpp"

#include "core/mapping/detail/mapping_impl.hpp"

namespace lienthong::mapping {
namespace {

using detail::Outcome;
using detail::Scope;

MappingError bad_source(const std::string& file, std::string reason) {
  return MappingError{MappingError::Kind::kBadSource, file, "", "", std::move(reason)};
}

// The scope the output is evaluated in: the document, or the mapping's `context` in it.
std::optional<MappingError> enter_context(const Mapping::Impl& m, Scope& scope) {
  if (m.not_found_unless && !m.not_found_unless->present(scope)) {
    return MappingError{MappingError::Kind::kNotFound, m.file, "not_found_unless",
                        m.not_found_unless->text(), "the source has no record"};
  }
  if (!m.context) return std::nullopt;
  if (m.source == SourceFormat::kJson) {
    scope.node = m.context->json_at(scope);
    if (scope.node != nullptr) return std::nullopt;
  } else {
    scope.xml = m.context->first_node(scope);
    if (scope.xml) return std::nullopt;
  }
  return MappingError{MappingError::Kind::kRequiredMissing, m.file, "context", m.context->text(),
                      "the context is not in the source"};
}

Result<Output, MappingError> run(const Mapping::Impl& m, Scope scope) {
  if (auto error = enter_context(m, scope)) return *error;
  detail::EvalContext context{m.file, m.source, {}};
  Output output;
  output.format = m.output;
  const auto outcome = m.output == OutputFormat::kJson
                           ? detail::evaluate(*m.json_template, scope, context, output.json)
                           : detail::render_xml(*m.xml_template, scope, context, output.text);
  if (outcome == Outcome::kFailed) {
    if (m.context) {
      context.error.input_path =
          detail::qualified_input(m.context->text(), context.error.input_path, m.source);
    }
    return std::move(context.error);
  }
  if (outcome == Outcome::kAbsent && m.output == OutputFormat::kXml) {
    return MappingError{MappingError::Kind::kRequiredMissing, m.file, m.xml_template->rule, "",
                        "the root element has no value"};
  }
  return output;
}

}  // namespace

std::string MappingError::to_string() const {
  std::string out = file;
  if (!rule.empty()) out += ": rule " + rule;
  if (!input_path.empty()) out += ": input " + input_path;
  out += ": " + reason;
  return out;
}

Mapping::Mapping(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Mapping::~Mapping() = default;

Result<Output, MappingError> Mapping::apply(const nlohmann::json& source) const {
  if (impl_->source != SourceFormat::kJson) {
    return bad_source(impl_->file, "this mapping reads XML: give it the text (apply_text)");
  }
  return run(*impl_, Scope{&source, &source, {}});
}

Result<Output, MappingError> Mapping::apply_text(std::string_view source_text) const {
  if (impl_->source == SourceFormat::kJson) {
    auto parsed = detail::parse_json_source(source_text);
    if (!parsed) return bad_source(impl_->file, std::move(parsed).error());
    return apply(*parsed);
  }
  pugi::xml_document doc;
  if (auto error = detail::parse_xml_source(source_text, impl_->namespaces, doc)) {
    return bad_source(impl_->file, std::move(*error));
  }
  return run(*impl_, Scope{nullptr, nullptr, doc});
}

SourceFormat Mapping::source_format() const {
  return impl_->source;
}
OutputFormat Mapping::output_format() const {
  return impl_->output;
}
const std::string& Mapping::file() const {
  return impl_->file;
}
const std::vector<SourceRef>& Mapping::source_refs() const {
  return impl_->refs;
}

bool Mapping::signals_not_found(const nlohmann::json& source) const {
  if (!impl_->not_found_unless || impl_->source != SourceFormat::kJson) return false;
  return !impl_->not_found_unless->present(Scope{&source, &source, {}});
}

bool Mapping::signals_not_found_text(std::string_view source_text) const {
  if (!impl_->not_found_unless) return false;
  if (impl_->source == SourceFormat::kJson) {
    auto parsed = detail::parse_json_source(source_text);
    return parsed && signals_not_found(*parsed);
  }
  pugi::xml_document doc;
  if (detail::parse_xml_source(source_text, impl_->namespaces, doc)) return false;
  return !impl_->not_found_unless->present(Scope{nullptr, nullptr, doc});
}

}  // namespace lienthong::mapping
