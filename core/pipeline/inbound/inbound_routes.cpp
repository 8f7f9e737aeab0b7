#include "core/pipeline/inbound/inbound_routes.hpp"

#include "core/config/json_document.hpp"
#include "core/pipeline/detail/route_checks.hpp"
#include "core/pipeline/inbound/map_inbound_stage.hpp"
#include "core/pipeline/inbound/push_stage.hpp"
#include "core/pipeline/stages/validate_stage.hpp"

namespace lienthong::pipeline {
namespace {

namespace fs = std::filesystem;
using detail::keep;

struct InboundFiles {
  std::shared_ptr<const schema::Schema> schema;
  std::shared_ptr<const mapping::Mapping> mapping;
  std::shared_ptr<const schema::Schema> canonical;
};

InboundFiles load_files(const config::ConnectorConfig& c, const config::InboundOperationConfig& op,
                        const mapping::CodeTables& tables, config::ConfigErrors& errors) {
  const auto key = "inbound." + op.name;
  const auto present = [&](const fs::path& file) {
    return detail::require_file(file, c.file, key, errors);
  };
  InboundFiles f;
  if (present(op.schema_file)) f.schema = keep(schema::Schema::load(op.schema_file), errors);
  if (present(op.mapping_file)) {
    f.mapping =
        keep(mapping::Mapping::load(op.mapping_file, mapping::SourceFormat::kJson, tables), errors);
  }
  if (present(op.canonical_schema_file)) {
    f.canonical = keep(schema::Schema::load(op.canonical_schema_file), errors);
  }
  if (f.mapping && f.mapping->output_format() != mapping::OutputFormat::kJson) {
    errors.push_back(
        {c.file.string(), 0, key,
         op.mapping_file.filename().string() + " must produce JSON (the canonical message)"});
    f.mapping = nullptr;
  }
  return f;
}

void check_files(const config::ConnectorConfig& c, const config::InboundOperationConfig& op,
                 const InboundFiles& f, config::ConfigErrors& errors) {
  if (f.schema && f.mapping)
    detail::check_source_refs(*f.mapping, *f.schema, op.schema_file, errors);
  if (f.canonical && !op.order_key.empty() && !f.canonical->declares(op.order_key)) {
    errors.push_back(
        {c.file.string(), 0, "inbound." + op.name + ".order_key",
         op.order_key + " is not declared by " + op.canonical_schema_file.filename().string()});
  }
  if (!f.schema || !detail::require_file(op.example_file, c.file, "inbound." + op.name, errors)) {
    return;
  }
  auto example = detail::check_example(op.example_file, *f.schema, errors);
  if (!example || !f.mapping || !f.canonical) return;
  // The example must make a message the provincial system accepts: a mapping that drifts from
  // the canonical schema fails start-up, not a caller's request.
  auto mapped = f.mapping->apply(*example);
  if (!mapped) {
    errors.push_back({op.example_file.string(), 0, "",
                      "the example does not map: " + mapped.error().to_string()});
    return;
  }
  for (const auto& e : f.canonical->validate(mapped->json)) {
    errors.push_back({op.mapping_file.string(), 0, config::dotted(e.pointer),
                      "the example maps to a message that breaks " +
                          op.canonical_schema_file.filename().string() + ": " + e.reason});
  }
}

}  // namespace

std::string inbound_operation_name(std::string_view operation) {
  return "inbound/" + std::string(operation);
}

bool is_inbound_operation(std::string_view stored_operation) {
  return stored_operation.starts_with("inbound/");
}

void build_inbound_routes(const config::ConnectorConfig& c,
                          const std::map<std::string, config::ProvincialTargetConfig>& targets,
                          const mapping::CodeTables& tables, http::HttpClient* client,
                          const std::shared_ptr<const Connector>& connector,
                          std::map<std::string, Route, std::less<>>& routes,
                          config::ConfigErrors& errors) {
  for (const auto& [name, op] : c.inbound) {
    auto files = load_files(c, op, tables, errors);
    check_files(c, op, files, errors);
    const auto target = targets.find(op.target);
    if (target == targets.end()) continue;  // reported with the config (check_inbound_targets)
    auto compiled = compile_target(target->second);
    if (!compiled) {
      errors.insert(errors.end(), compiled.error().begin(), compiled.error().end());
      continue;
    }
    if (!files.schema || !files.mapping || !files.canonical) continue;
    Route route;
    route.connector = c.id;
    route.operation.name = inbound_operation_name(name);
    route.operation.description = op.description;
    route.operation.order_key = op.order_key;
    route.schema = files.schema;
    route.stages.push_back(std::make_shared<ValidateStage>(files.schema));
    route.stages.push_back(std::make_shared<MapInboundStage>(files.mapping, files.canonical));
    route.checks = route.stages.size();
    route.stages.push_back(
        std::make_shared<PushStage>(std::move(compiled).value(), c.id + "/" + name, client));
    if (connector && connector->receives(name)) route.receiver = connector;
    routes.emplace(c.id + "/" + route.operation.name, std::move(route));
  }
}

}  // namespace lienthong::pipeline
