// Loading a mapping file: the JSON envelope or the XML template, compiled once.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/config/json_document.hpp"
#include "core/mapping/detail/mapping_impl.hpp"

namespace lienthong::mapping {
namespace {

using detail::Compiler;
using detail::Site;

constexpr std::string_view kEnvelopeKeys[] = {"description", "namespaces", "context",
                                              "not_found_unless", "output"};

bool ncname(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

Site site_at(const config::JsonDocument& doc, const std::string& pointer, std::string rule) {
  return Site{std::move(rule), doc.line_of(pointer), config::dotted(pointer)};
}

void read_namespaces(const config::JsonDocument& doc, Compiler& compiler, Mapping::Impl& impl) {
  const auto& value = doc.root()["namespaces"];
  if (impl.source == SourceFormat::kJson) {
    compiler.fail(site_at(doc, "/namespaces", ""), "namespaces apply to XML sources only");
    return;
  }
  if (!value.is_object()) {
    compiler.fail(site_at(doc, "/namespaces", ""), "must be an object from prefix to URI");
    return;
  }
  for (const auto& [prefix, uri] : value.items()) {
    const auto where = site_at(doc, "/namespaces/" + config::escape_pointer_token(prefix), "");
    if (!ncname(prefix) || prefix == "xml" || prefix == "xmlns") {
      compiler.fail(where, "'" + prefix + "' cannot be a namespace prefix");
    } else if (!uri.is_string() || uri.get_ref<const std::string&>().empty()) {
      compiler.fail(where, "the namespace must be a non-empty URI");
    } else {
      for (const auto& [other, other_uri] : impl.namespaces) {
        if (other_uri == uri) {
          compiler.fail(where, "same namespace as '" + other + "': one prefix per namespace");
        }
      }
      impl.namespaces.emplace_back(prefix, uri.get<std::string>());
      compiler.prefixes.push_back(prefix);
    }
  }
}

std::optional<detail::Path> envelope_path(const config::JsonDocument& doc, const std::string& key,
                                          Compiler& compiler, bool needs_nodes) {
  const auto& value = doc.root()[key];
  const auto where = site_at(doc, "/" + key, key);
  if (!value.is_string()) {
    compiler.fail(where, "must be a path (text)");
    return std::nullopt;
  }
  auto path = compiler.path(value.get<std::string>(), where);
  if (path && needs_nodes && compiler.source() == SourceFormat::kXml && !path->selects_nodes()) {
    compiler.fail(where, "must select nodes");
    return std::nullopt;
  }
  return path;
}

void load_json_template(const config::JsonDocument& doc, Compiler& compiler, Mapping::Impl& impl) {
  const auto& root = doc.root();
  if (!root.is_object()) {
    compiler.fail(site_at(doc, "", ""), "a mapping is an object with an \"output\" template");
    return;
  }
  for (const auto& [key, value] : root.items()) {
    if (std::find(std::begin(kEnvelopeKeys), std::end(kEnvelopeKeys), key) ==
        std::end(kEnvelopeKeys)) {
      compiler.fail(site_at(doc, "/" + config::escape_pointer_token(key), ""),
                    "unknown key (known: description, namespaces, context, not_found_unless, "
                    "output)");
    }
  }
  if (root.contains("description") && !root["description"].is_string()) {
    compiler.fail(site_at(doc, "/description", ""), "must be text");
  }
  if (root.contains("namespaces")) read_namespaces(doc, compiler, impl);
  if (root.contains("not_found_unless")) {
    impl.not_found_unless = envelope_path(doc, "not_found_unless", compiler, false);
  }
  if (root.contains("context")) {
    impl.context = envelope_path(doc, "context", compiler, true);
    compiler.has_context = true;
  }
  if (!root.contains("output")) {
    compiler.fail(site_at(doc, "", ""), "missing \"output\" (the template)");
    return;
  }
  impl.json_template = detail::compile_json_template(doc, "/output", compiler);
}

}  // namespace

Result<std::shared_ptr<const Mapping>, config::ConfigErrors> Mapping::load(
    const std::filesystem::path& file, SourceFormat source, const CodeTables& tables) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return config::ConfigErrors{{file.string(), 0, "", "cannot read file"}};
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string(), source, tables);
}

Result<std::shared_ptr<const Mapping>, config::ConfigErrors> Mapping::parse(
    std::string_view text, const std::string& file_name, SourceFormat source,
    const CodeTables& tables) {
  auto impl = std::make_unique<Impl>();
  impl->file = file_name;
  impl->source = source;
  Compiler compiler(file_name, source, tables);
  const auto extension = std::filesystem::path(file_name).extension();
  if (extension == ".xml") {
    impl->output = OutputFormat::kXml;
    if (source == SourceFormat::kXml) {
      compiler.fail(Site{}, "an XML template reads JSON: XML to XML is not supported");
    } else {
      impl->xml_template = detail::compile_xml_template(text, compiler);
    }
  } else if (extension == ".json") {
    auto doc = config::JsonDocument::parse(text, file_name);
    if (!doc) return config::ConfigErrors{doc.error()};
    load_json_template(*doc, compiler, *impl);
  } else {
    compiler.fail(Site{}, "a mapping file ends in .json (JSON template) or .xml (XML template)");
  }
  if (!compiler.errors.empty()) return std::move(compiler.errors);
  impl->refs = std::move(compiler.refs);
  return std::shared_ptr<const Mapping>(std::make_shared<Mapping>(std::move(impl)));
}

}  // namespace lienthong::mapping
