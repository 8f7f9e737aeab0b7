#include "core/pipeline/ingress/request_parts.hpp"

#include <algorithm>
#include <cctype>

#include "core/base/uuid.hpp"
#include "core/config/inbound_config.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/ingress/ingress.hpp"

namespace lienthong::pipeline {

Exchange begin_exchange(const http::Request& req) {
  Exchange ex;
  ex.id = uuid_v7();
  auto cid = req["X-Correlation-ID"];
  ex.correlation_id = valid_correlation_id(cid) ? std::string(cid) : ex.id;
  if (auto tp = req["traceparent"]; valid_traceparent(tp)) ex.traceparent = std::string(tp);
  return ex;
}

void stamp(http::Response& res, const Exchange& ex) {
  res.set("X-Message-ID", ex.id);
  res.set("X-Correlation-ID", ex.correlation_id);
  if (!ex.traceparent.empty()) res.set("traceparent", ex.traceparent);
}

void log_exchange(const Exchange& ex, int status, std::string_view problem) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  ex.started)
                .count();
  log::info("exchange", {{"id", ex.id},
                         {"correlation_id", ex.correlation_id},
                         {"client", ex.client},
                         {"connector", ex.connector},
                         {"operation", ex.operation},
                         {"status", std::to_string(status)},
                         {"problem", std::string(problem)},
                         {"ms", std::to_string(ms)}});
}

Result<const Client*> identify_caller(const http::Incoming& incoming,
                                      const ClientRegistry& clients, Exchange& exchange) {
  if (incoming.peer_certificate_problem) return *incoming.peer_certificate_problem;
  auto client = clients.authenticate(incoming.request[boost::beast::http::field::authorization],
                                     incoming.peer_certificate_subject,
                                     incoming.peer_certificate_sha256);
  if (!client) return std::move(client).error();
  exchange.client = (*client)->name;
  return *client;
}

bool is_json_media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  auto media = content_type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  return media.size() == kJson.size() &&
         std::equal(media.begin(), media.end(), kJson.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

Result<nlohmann::json> parse_json_body(const std::string& body) {
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return Problem::make(ProblemKind::kMalformed, "the body is not valid JSON (error at byte " +
                                                      std::to_string(e.byte) + ")");
  }
}

bool is_route_segment(std::string_view s) {
  return config::is_route_name(s);
}

}  // namespace lienthong::pipeline
