#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"
#include "core/pipeline/exchange.hpp"
#include "core/pipeline/ingress/authenticate.hpp"

namespace lienthong::pipeline {

// What the two doors of the hub (ingress.hpp: /v1/..., inbound_ingress.hpp: /inbound/...) do
// alike with a request and its answer; reply.hpp is where both answers leave.

/// A new exchange for `request`: a fresh message id, the caller's correlation id (if it is
/// one we echo, else the message id) and trace context (if valid).
Exchange begin_exchange(const http::Request& request);
/// A new W3C traceparent (version 00, sampled) with random trace and parent ids.
std::string new_traceparent();
/// The trace id (32 hex) of a valid traceparent; empty otherwise.
std::string_view trace_id(std::string_view traceparent);

/// Headers every answer carries, success or problem: X-Message-ID, X-Correlation-ID, traceparent.
void stamp(http::Response& response, const Exchange& exchange);

/// One line per exchange: ids and outcome only, never the payload.
void log_exchange(const Exchange& exchange, int status, std::string_view problem);

/// The calling client (its name set in `exchange.client`), or the problem refusing the call:
/// the connection's certificate was refused, or the request names no known client.
Result<const Client*> identify_caller(const http::Incoming& incoming, const ClientRegistry& clients,
                                      Exchange& exchange);

/// True when a Content-Type names application/json (parameters and case aside).
bool is_json_media_type(std::string_view content_type);

/// The body as JSON, or a 400 that says where it breaks without quoting it back (it may hold
/// personal data): `malformed-request` with the byte for broken text, `invalid-request` with the
/// JSON Pointer for a number beyond double range (`1e999`).
Result<nlohmann::json> parse_json_body(const std::string& body);

/// `{prefix}{connector}/{operation}` (query ignored) split into its two names, when both are
/// names a route may have; the one parser of /v1/... and /inbound/... paths.
std::optional<std::pair<std::string, std::string>> split_route(std::string_view target,
                                                               std::string_view prefix);

}  // namespace lienthong::pipeline
