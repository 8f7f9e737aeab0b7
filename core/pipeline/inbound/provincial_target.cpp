#include "core/pipeline/inbound/provincial_target.hpp"

#include "core/http/retry_after.hpp"

namespace lienthong::pipeline {
namespace {

namespace bhttp = boost::beast::http;

// The far side's own words, short: a provincial system's error text is shown in the queue.
std::string short_text(std::string_view text, std::size_t max = 200) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

Upstream upstream_of(const http::Response& response) {
  Upstream up;
  up.status = static_cast<int>(response.result_int());
  const auto json = nlohmann::json::parse(response.body(), nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return up;
  for (const char* key : {"code", "error", "type"}) {
    if (auto it = json.find(key); it != json.end() && it->is_string()) {
      up.code = short_text(it->get<std::string>(), 64);
      break;
    }
  }
  for (const char* key : {"message", "detail", "title"}) {
    if (auto it = json.find(key); it != json.end() && it->is_string()) {
      up.message = short_text(it->get<std::string>());
      break;
    }
  }
  return up;
}

}  // namespace

Result<ProvincialTarget, config::ConfigErrors> compile_target(
    const config::ProvincialTargetConfig& config) {
  auto url = http::Url::parse(config.url);
  if (!url) {
    return config::ConfigErrors{{config.file.string(), config.line,
                                 "provincial_targets." + config.name + ".url", url.error()}};
  }
  ProvincialTarget t;
  t.name = config.name;
  t.path = url->target;
  t.origin = std::move(url).value();
  t.origin.target = "/";
  t.auth_header = config.auth_header;
  t.auth_value = config.auth_value;
  t.timeout = std::chrono::milliseconds(config.timeout_ms);
  return t;
}

http::Request push_request(const ProvincialTarget& target, const Exchange& exchange,
                           std::string_view source) {
  http::Request req{bhttp::verb::post, target.path, 11};
  req.set(bhttp::field::content_type, "application/json");
  req.set(bhttp::field::accept, "application/json");
  if (!target.auth_header.empty()) req.set(target.auth_header, target.auth_value);
  req.set("X-Message-ID", exchange.id);
  req.set("Idempotency-Key", exchange.id);
  req.set("X-Correlation-ID", exchange.correlation_id);
  if (!exchange.traceparent.empty()) req.set("traceparent", exchange.traceparent);
  req.set("X-Lienthong-Inbound", source);
  req.body() = exchange.request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  req.keep_alive(true);
  req.prepare_payload();
  return req;
}

Result<nlohmann::json> read_push_answer(const ProvincialTarget& target,
                                        const http::Response& response) {
  const unsigned status = response.result_int();
  if (status >= 200 && status < 300) {
    nlohmann::json result = {{"target", target.name}, {"status", status}};
    auto body = nlohmann::json::parse(response.body(), nullptr, /*allow_exceptions=*/false);
    if (!body.is_discarded() && !response.body().empty()) result["answer"] = std::move(body);
    return result;
  }
  Problem p =
      Problem::make(ProblemKind::kUpstreamError, "provincial target " + target.name +
                                                     " answered HTTP " + std::to_string(status));
  if (status == 401 || status == 403) p.detail += ": it refused the hub's credentials";
  p.upstream = upstream_of(response);
  p.retry_after_seconds = http::retry_after_seconds(response);
  return p;
}

}  // namespace lienthong::pipeline
