#include "connectors/http/outgoing.hpp"

#include <nlohmann/json.hpp>

#include "core/http/retry_after.hpp"

namespace lienthong::connectors {
namespace {

namespace bhttp = boost::beast::http;

// At most `max` bytes of `text`, cut on a UTF-8 character boundary.
std::string shorten(std::string_view text, std::size_t max = 200) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string scalar_text(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

Result<Endpoint, config::ConfigErrors> parse_endpoint(const config::ConnectorConfig& c) {
  auto url = http::Url::parse(c.base_url);
  if (!url) return config::ConfigErrors{{c.file.string(), 0, "base_url", url.error()}};
  Endpoint e;
  e.base_path = url->target.substr(0, url->target.find('?'));
  while (!e.base_path.empty() && e.base_path.back() == '/') e.base_path.pop_back();
  e.origin = std::move(url).value();
  e.origin.target = "/";
  return e;
}

http::Request build_request(const config::ConnectorConfig& c, const Endpoint& endpoint,
                            const config::OperationConfig& op, const pipeline::Exchange& ex) {
  return build_request(c, endpoint, op, ex, ex.wire_request);
}

http::Request build_request(const config::ConnectorConfig& c, const Endpoint& endpoint,
                            const config::OperationConfig& op, const pipeline::Exchange& ex,
                            const pipeline::WireRequest& wire) {
  std::string target = endpoint.base_path + op.path;
  char sep = '?';
  for (const auto& [k, v] : wire.query) {
    target += sep;
    target += http::url_encode(k);
    target += '=';
    target += http::url_encode(v);
    sep = '&';
  }
  http::Request req{bhttp::string_to_verb(op.method), target, 11};
  req.set(bhttp::field::accept, op.response_format == "xml" ? "text/xml" : "application/json");
  if (c.auth_type == "bearer") req.set(bhttp::field::authorization, "Bearer " + c.bearer_token);
  for (const auto& [k, v] : op.headers) req.set(k, v);
  req.set("X-Message-ID", ex.id);
  req.set("X-Correlation-ID", ex.correlation_id);
  if (!ex.traceparent.empty()) req.set("traceparent", ex.traceparent);
  if (!wire.body.empty()) {
    req.set(bhttp::field::content_type, wire.content_type);
    req.body() = wire.body;
  }
  req.keep_alive(true);
  req.prepare_payload();
  return req;
}

std::chrono::milliseconds timeout_for(const config::ConnectorConfig& c,
                                      const config::OperationConfig& op) {
  return std::chrono::milliseconds(op.timeout_ms > 0 ? op.timeout_ms : c.timeout_ms);
}

std::optional<int> retry_after_seconds(const http::Response& response) {
  return http::retry_after_seconds(response);
}

Upstream upstream_from_status(unsigned status, std::string_view body) {
  Upstream up{static_cast<int>(status), {}, {}};
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return up;
  for (const char* key : {"error_code", "error", "code"}) {
    if (auto it = json.find(key); it != json.end() && (it->is_string() || it->is_number())) {
      up.code = shorten(scalar_text(*it), 64);
      break;
    }
  }
  if (auto it = json.find("message"); it != json.end() && it->is_string()) {
    up.message = shorten(it->get<std::string>());
  }
  return up;
}

}  // namespace lienthong::connectors
