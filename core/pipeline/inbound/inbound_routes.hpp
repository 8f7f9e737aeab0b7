#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/config/hub_config.hpp"
#include "core/mapping/code_tables.hpp"
#include "core/pipeline/route_table.hpp"

namespace lienthong::http {
class HttpClient;
}

namespace lienthong::pipeline {

/// The operation name an inbound route is stored and queued under: "inbound/<op>". A stored
/// message of it shows as `dvcqg inbound/status-callback` in `lienthong queue list`.
std::string inbound_operation_name(std::string_view operation);
/// True for a stored operation name of an inbound route ("inbound/<op>").
bool is_inbound_operation(std::string_view stored_operation);

/// Builds the routes of `c`'s inbound operations into `routes` (by
/// "connector/inbound/operation"): validate the callback against `<op>.schema.json` -> map it
/// to the canonical message (`<op>.mapping.json`, checked against `<op>.canonical.schema.json`)
/// | then, from the store, push it to the operation's provincial target with `client`.
/// Checks at load: the files exist and compile, the mapping reads only what the callback
/// schema declares, `order_key` is declared by the canonical schema, the example passes the
/// callback schema and maps to a message that passes the canonical one, the target's URL parses.
void build_inbound_routes(const config::ConnectorConfig& c,
                          const std::map<std::string, config::ProvincialTargetConfig>& targets,
                          const mapping::CodeTables& tables, http::HttpClient* client,
                          const std::shared_ptr<const Connector>& connector,
                          std::map<std::string, Route, std::less<>>& routes,
                          config::ConfigErrors& errors);

}  // namespace lienthong::pipeline
