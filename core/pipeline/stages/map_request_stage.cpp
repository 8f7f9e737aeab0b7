#include "core/pipeline/stages/map_request_stage.hpp"

#include "core/log/log.hpp"

namespace lienthong::pipeline {

MapRequestStage::MapRequestStage(std::shared_ptr<const mapping::Mapping> mapping,
                                 std::string request_as)
    : mapping_(std::move(mapping)), request_as_(std::move(request_as)) {}

Result<WireRequest> lay_out_request(mapping::Output output, std::string_view request_as) {
  WireRequest wire;
  if (request_as == "xml-body") {
    wire.body = std::move(output.text);
    wire.content_type = "text/xml; charset=utf-8";
    return wire;
  }
  if (request_as == "query") {
    if (!output.json.is_object()) {
      return Problem::make(ProblemKind::kInternal, "request mapping must produce an object");
    }
    for (const auto& [key, value] : output.json.items()) {
      if (value.is_string()) {
        wire.query.emplace_back(key, value.get<std::string>());
      } else if (value.is_number() || value.is_boolean()) {
        wire.query.emplace_back(key, value.dump());
      } else if (!value.is_null()) {
        return Problem::make(ProblemKind::kInternal,
                             "query parameter " + key + " must be a scalar in the request mapping");
      }
    }
    return wire;
  }
  wire.body = output.json.dump();
  wire.content_type = "application/json";
  return wire;
}

void add_hub_facts(nlohmann::json& request, const Exchange& exchange) {
  if (!request.is_object()) return;
  request[std::string(kHubMember)] = {{"messageId", exchange.id},
                                      {"correlationId", exchange.correlation_id},
                                      {"client", exchange.client}};
}

boost::asio::awaitable<Result<void>> MapRequestStage::run(Exchange& exchange) const {
  // What the hub knows of the exchange, readable by request mappings as /_hub/... (a unique
  // request id for registries that demand one, the accountable client). Schemas refuse
  // unknown fields, so a caller cannot send its own /_hub.
  add_hub_facts(exchange.request, exchange);
  auto output = mapping_->apply(exchange.request);
  if (exchange.request.is_object()) exchange.request.erase(std::string(kHubMember));
  if (!output) {
    // The request passed its schema, so what the mapping misses is still the caller's to fix;
    // the reason goes back to the caller only, the log gets the rule.
    const auto& e = output.error();
    log::warn("request mapping failed", {{"message_id", exchange.id},
                                         {"mapping", e.file},
                                         {"rule", e.rule},
                                         {"input", e.input_path}});
    Problem p = Problem::make(ProblemKind::kInvalid,
                              "the request cannot be translated for " + exchange.connector);
    p.errors.push_back({e.input_path, e.reason});
    co_return p;
  }
  auto wire = lay_out_request(std::move(output).value(), request_as_);
  if (!wire) co_return std::move(wire).error();
  exchange.wire_request = std::move(wire).value();
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
