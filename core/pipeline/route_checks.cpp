#include "core/pipeline/detail/route_checks.hpp"

#include "core/config/json_document.hpp"
#include "core/pipeline/stages/map_request_stage.hpp"

namespace lienthong::pipeline::detail {

namespace fs = std::filesystem;

bool require_file(const fs::path& file, const fs::path& config_file, const std::string& key,
                  config::ConfigErrors& errors) {
  if (fs::exists(file)) return true;
  errors.push_back({config_file.string(), 0, key, "missing file " + file.string()});
  return false;
}

void check_source_refs(const mapping::Mapping& m, const schema::Schema& s,
                       const fs::path& schema_file, config::ConfigErrors& errors) {
  for (const auto& ref : m.source_refs()) {
    if (ref.relative || ref.path.empty() || ref.path.front() != '/') continue;
    if (ref.path.starts_with("/" + std::string(kHubMember) + "/")) continue;  // filled by the hub
    if (!s.declares(ref.path)) {
      errors.push_back({m.file(), ref.line, config::dotted(ref.rule),
                        "reads " + ref.path + ", which " + schema_file.filename().string() +
                            " does not declare"});
    }
  }
}

std::optional<nlohmann::json> check_example(const fs::path& file, const schema::Schema& s,
                                            config::ConfigErrors& errors) {
  auto doc = config::JsonDocument::load(file);
  if (!doc) {
    errors.push_back(doc.error());
    return std::nullopt;
  }
  const auto problems = s.validate(doc->root());
  for (const auto& e : problems) {
    errors.push_back(doc->error_at(e.pointer, "example does not pass its schema: " + e.reason));
  }
  if (!problems.empty()) return std::nullopt;
  return doc->root();
}

}  // namespace lienthong::pipeline::detail
