#include "core/pipeline/route_table.hpp"

#include "core/pipeline/detail/route_checks.hpp"
#include "core/pipeline/inbound/inbound_routes.hpp"
#include "core/pipeline/stages/admit_stage.hpp"
#include "core/pipeline/stages/deliver_stage.hpp"
#include "core/pipeline/stages/map_request_stage.hpp"
#include "core/pipeline/stages/map_response_stage.hpp"
#include "core/pipeline/stages/sign_stage.hpp"
#include "core/pipeline/stages/validate_stage.hpp"
#include "core/pipeline/stages/verify_stage.hpp"

namespace lienthong::pipeline {
namespace {

namespace fs = std::filesystem;
using detail::check_example;
using detail::keep;

bool require_file(const fs::path& file, const config::ConnectorConfig& c, const std::string& op,
                  config::ConfigErrors& errors) {
  return detail::require_file(file, c.file, "operations." + op, errors);
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
    detail::check_source_refs(*route.request_mapping, *route.schema, op.schema_file, errors);
  }
  if (route.schema && !op.order_key.empty() && !route.schema->declares(op.order_key)) {
    errors.push_back({c.file.string(), 0, "operations." + op.name + ".order_key",
                      op.order_key + " is not declared by " + op.schema_file.filename().string()});
  }
  if (route.schema && require_file(op.example_file, c, op.name, errors)) {
    (void)check_example(op.example_file, *route.schema, errors);
  }
  if (!route.schema || !route.request_mapping || !route.response_mapping || !connector) return;
  if (c.message_security && !security) return;  // its problems are already reported
  route.stages.push_back(std::make_shared<ValidateStage>(route.schema));
  if (connector->admits(op.name))
    route.stages.push_back(std::make_shared<AdmitStage>(connector, op));
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
      if (connector) table.connectors_.emplace(c.id, connector);
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
    table.policies_.emplace(c.id, delivery::RetryPolicy(c.delivery, c.timeout_ms));
    // An inbound message is pushed to a provincial target: retried by that target's policy,
    // kept under its route's key ("connector/inbound/op").
    for (const auto& [name, op] : c.inbound) {
      const auto target = config.provincial_targets.find(op.target);
      if (target == config.provincial_targets.end()) continue;
      table.policies_.emplace(
          c.id + "/" + inbound_operation_name(name),
          delivery::RetryPolicy(target->second.delivery, target->second.timeout_ms));
    }
    for (const auto& [name, op] : c.operations) {
      build_operation(c, op, connector, guard, *tables, security, services.workers, table.routes_,
                      errors);
    }
    build_inbound_routes(c, config.provincial_targets, *tables, context.client, connector,
                         table.routes_, errors);
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

const Route* RouteTable::find_inbound(std::string_view connector,
                                      std::string_view operation) const {
  return find(connector, inbound_operation_name(operation));
}

bool RouteTable::has_connector(std::string_view connector) const {
  for (const auto& [key, route] : routes_) {
    if (route.connector == connector) return true;
  }
  return false;
}

const delivery::RetryPolicy& RouteTable::retry_policy(std::string_view connector,
                                                      std::string_view operation) const {
  auto it = policies_.find(std::string(connector) + "/" + std::string(operation));
  if (it == policies_.end()) it = policies_.find(connector);
  return it == policies_.end() ? default_policy_ : it->second;
}

}  // namespace lienthong::pipeline
