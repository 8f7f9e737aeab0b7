#include "core/pipeline/route_table.hpp"

#include "core/config/json_document.hpp"
#include "core/pipeline/deliver_stage.hpp"
#include "core/pipeline/map_request_stage.hpp"
#include "core/pipeline/map_response_stage.hpp"
#include "core/pipeline/sign_stage.hpp"
#include "core/pipeline/validate_stage.hpp"
#include "core/pipeline/verify_stage.hpp"

namespace lienthong::pipeline {
namespace {

namespace fs = std::filesystem;

template <class T>
std::shared_ptr<const T> keep(Result<std::shared_ptr<const T>, config::ConfigErrors> loaded,
                              config::ConfigErrors& errors) {
  if (loaded) return std::move(loaded).value();
  auto& more = loaded.error();
  errors.insert(errors.end(), more.begin(), more.end());
  return nullptr;
}

bool require_file(const fs::path& file, const config::ConnectorConfig& c, const std::string& op,
                  config::ConfigErrors& errors) {
  if (fs::exists(file)) return true;
  errors.push_back({c.file.string(), 0, "operations." + op, "missing file " + file.string()});
  return false;
}

// A request mapping may read only what the canonical schema declares.
void check_request_refs(const mapping::Mapping& m, const schema::Schema& s,
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

void check_example(const fs::path& file, const schema::Schema& s, config::ConfigErrors& errors) {
  auto doc = config::JsonDocument::load(file);
  if (!doc) {
    errors.push_back(doc.error());
    return;
  }
  for (const auto& e : s.validate(doc->root())) {
    errors.push_back(doc->error_at(e.pointer, "example does not pass its schema: " + e.reason));
  }
}

void build_operation(const config::ConnectorConfig& c, const config::OperationConfig& op,
                     const std::shared_ptr<const Connector>& connector,
                     const std::shared_ptr<delivery::ConnectorGuard>& guard,
                     const mapping::CodeTables& tables,
                     const std::shared_ptr<const MessageSecurity>& security, WorkerPool* workers,
                     std::map<std::string, Route, std::less<>>& routes,
                     config::ConfigErrors& errors) {
  Route route;
  route.connector = c.id;
  route.operation = op;
  if (require_file(op.schema_file, c, op.name, errors)) {
    route.schema = keep(schema::Schema::load(op.schema_file), errors);
  }
  if (require_file(op.request_mapping_file, c, op.name, errors)) {
    route.request_mapping =
        keep(mapping::Mapping::load(op.request_mapping_file, mapping::SourceFormat::kJson, tables),
             errors);
  }
  if (require_file(op.response_mapping_file, c, op.name, errors)) {
    auto source =
        op.response_format == "xml" ? mapping::SourceFormat::kXml : mapping::SourceFormat::kJson;
    route.response_mapping =
        keep(mapping::Mapping::load(op.response_mapping_file, source, tables), errors);
  }
  if (route.schema && route.request_mapping) {
    check_request_refs(*route.request_mapping, *route.schema, op.schema_file, errors);
  }
  if (route.schema && !op.order_key.empty() && !route.schema->declares(op.order_key)) {
    errors.push_back({c.file.string(), 0, "operations." + op.name + ".order_key",
                      op.order_key + " is not declared by " + op.schema_file.filename().string()});
  }
  if (route.schema && require_file(op.example_file, c, op.name, errors)) {
    check_example(op.example_file, *route.schema, errors);
  }
  if (!route.schema || !route.request_mapping || !route.response_mapping || !connector) return;
  if (c.message_security && !security) return;  // its problems are already reported
  route.stages.push_back(std::make_shared<ValidateStage>(route.schema));
  route.checks = route.stages.size();
  route.stages.push_back(std::make_shared<MapRequestStage>(route.request_mapping, op.request_as));
  if (security) route.stages.push_back(std::make_shared<SignStage>(security, workers));
  route.stages.push_back(std::make_shared<DeliverStage>(connector, op, guard));
  if (security) route.stages.push_back(std::make_shared<VerifyStage>(security, workers));
  route.stages.push_back(std::make_shared<MapResponseStage>(route.response_mapping));
  routes.emplace(c.id + "/" + op.name, std::move(route));
}

}  // namespace

Result<RouteTable, config::ConfigErrors> RouteTable::build(const config::HubConfig& config,
                                                           std::span<const ConnectorType> types,
                                                           const ConnectorContext& context,
                                                           const StageServices& services) {
  RouteTable table;
  config::ConfigErrors errors;
  for (const auto& c : config.connectors) {
    const ConnectorType* type = nullptr;
    for (const auto& t : types) {
      if (t.name == c.type) type = &t;
    }
    std::shared_ptr<const Connector> connector;
    if (type == nullptr) {
      std::string known;
      for (const auto& t : types) known += (known.empty() ? "" : ", ") + std::string(t.name);
      errors.push_back({c.file.string(), 0, "type",
                        "unknown connector type " + c.type + " (known: " + known + ")"});
    } else {
      connector = keep(type->make(c, context), errors);
    }
    std::shared_ptr<const MessageSecurity> security;
    if (c.message_security) security = keep(load_message_security(c, services), errors);
    auto tables = mapping::CodeTables::load_dir(c.mappings_dir / "tables");
    if (!tables) {
      errors.insert(errors.end(), tables.error().begin(), tables.error().end());
      continue;
    }
    // One guard per connector: its operations share the far side's health and quota.
    auto guard = std::make_shared<delivery::ConnectorGuard>(c.id, c.circuit, c.rate_limit);
    table.guards_.emplace(c.id, guard);
    for (const auto& [name, op] : c.operations) {
      build_operation(c, op, connector, guard, *tables, security, services.workers, table.routes_,
                      errors);
    }
  }
  if (!errors.empty()) return errors;
  return table;
}

const Route* RouteTable::find(std::string_view connector, std::string_view operation) const {
  std::string key;
  key.reserve(connector.size() + operation.size() + 1);
  key.append(connector).append("/").append(operation);
  auto it = routes_.find(key);
  return it == routes_.end() ? nullptr : &it->second;
}

bool RouteTable::has_connector(std::string_view connector) const {
  for (const auto& [key, route] : routes_) {
    if (route.connector == connector) return true;
  }
  return false;
}

}  // namespace lienthong::pipeline
