#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/config/hub_config.hpp"
#include "core/http/types.hpp"
#include "core/http/url.hpp"
#include "core/pipeline/exchange.hpp"

namespace lienthong::connectors {

/// The parts of a connector's base URL, checked once when the connector is built.
struct Endpoint {
  http::Url origin;       ///< scheme, host, port
  std::string base_path;  ///< path of the base URL without a trailing slash
};

Result<Endpoint, config::ConfigErrors> parse_endpoint(const config::ConnectorConfig& c);

/// The HTTP request for one exchange: method and path of the operation, query parameters,
/// body, bearer token, fixed headers, and the ids that let the far side trace it.
http::Request build_request(const config::ConnectorConfig& c, const Endpoint& endpoint,
                            const config::OperationConfig& op, const pipeline::Exchange& ex);
/// The same with another body than the exchange's mapped one (a connector that completes the
/// mapped request, e.g. with a checksum, before sending it).
http::Request build_request(const config::ConnectorConfig& c, const Endpoint& endpoint,
                            const config::OperationConfig& op, const pipeline::Exchange& ex,
                            const pipeline::WireRequest& wire);

/// The operation's timeout, else the connector's.
std::chrono::milliseconds timeout_for(const config::ConnectorConfig& c,
                                      const config::OperationConfig& op);

/// The far side's `Retry-After` in seconds (the delta-seconds form; an HTTP date is ignored).
std::optional<int> retry_after_seconds(const http::Response& response);

/// An error status from the far side as an Upstream, reading a JSON error body if there is
/// one (`error`/`error_code`/`code` and `message`), truncated, never the whole body.
Upstream upstream_from_status(unsigned status, std::string_view body);

}  // namespace lienthong::connectors
