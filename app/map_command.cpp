#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "connectors/registry.hpp"
#include "core/base/uuid.hpp"
#include "core/pipeline/route_table.hpp"
#include "core/pipeline/stages/map_request_stage.hpp"

namespace lienthong::app {
namespace {

// A request sample goes through what the hub does before mapping: schema check (reported,
// not fatal, so the mapping's output is still shown) and the /_hub facts.
Result<mapping::Output, mapping::MappingError> map_request(const pipeline::Route& route,
                                                           const std::string& text,
                                                           const std::string& file) {
  auto sample = nlohmann::json::parse(text, nullptr, false);
  if (sample.is_discarded()) {
    return mapping::MappingError{mapping::MappingError::Kind::kBadSource, file, "", "",
                                 "not valid JSON"};
  }
  for (const auto& e : route.schema->validate(sample)) {
    std::cerr << file << ": " << (e.pointer.empty() ? "/" : e.pointer) << ": " << e.reason
              << " (the hub would refuse this request)\n";
  }
  pipeline::Exchange sample_exchange;
  sample_exchange.id = uuid_v7();
  sample_exchange.correlation_id = sample_exchange.id;
  sample_exchange.client = "map-command";
  pipeline::add_hub_facts(sample, sample_exchange);
  return route.request_mapping->apply(sample);
}

}  // namespace

int run_map(const CommandLine& cl) {
  auto config = config::load_hub_config(cl.config);
  if (!config) {
    for (const auto& e : config.error()) std::cerr << e.to_string() << '\n';
    return 1;
  }
  pipeline::ConnectorContext context;  // the map command calls no one
  auto routes = pipeline::RouteTable::build(*config, connectors::connector_types(), context);
  if (!routes) {
    for (const auto& e : routes.error()) std::cerr << e.to_string() << '\n';
    return 1;
  }
  const auto* route = routes->find(cl.connector, cl.operation);
  if (route == nullptr) {
    std::cerr << "unknown operation " << cl.connector << "/" << cl.operation << '\n';
    return 1;
  }
  std::ifstream in(cl.file, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << cl.file << '\n';
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto output = cl.request ? map_request(*route, text.str(), cl.file)
                           : route->response_mapping->apply_text(text.str());
  if (!output) {
    if (output.error().kind == mapping::MappingError::Kind::kNotFound) {
      std::cerr << "the answer means: no such record (the hub answers 404)\n";
    } else {
      std::cerr << output.error().to_string() << '\n';
    }
    return 1;
  }
  if (output->format == mapping::OutputFormat::kXml) {
    std::cout << output->text;
    if (!output->text.empty() && output->text.back() != '\n') std::cout << '\n';
  } else {
    std::cout << output->json.dump(2) << '\n';
  }
  return 0;
}

}  // namespace lienthong::app
