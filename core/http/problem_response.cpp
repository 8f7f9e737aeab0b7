#include "core/http/problem_response.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>

namespace lienthong::http {
namespace {

namespace bhttp = beast::http;

Response make(int status, std::string_view content_type, const nlohmann::json& body,
              unsigned http_version, bool keep_alive) {
  // Text from far sides may carry invalid UTF-8; replace it rather than throw.
  return bytes_response(status, content_type,
                        body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        http_version, keep_alive);
}

}  // namespace

Response bytes_response(int status, std::string_view content_type, std::string body,
                        unsigned http_version, bool keep_alive) {
  Response response{static_cast<bhttp::status>(status), http_version};
  response.set(bhttp::field::content_type, content_type);
  response.keep_alive(keep_alive);
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

nlohmann::json problem_json(const Problem& problem, const ProblemContext& context) {
  nlohmann::json body = {
      {"type", std::string(kProblemTypeBase) + std::string(type_slug(problem.kind))},
      {"title", title(problem.kind)},
      {"status", http_status(problem.kind)},
      {"detail", problem.detail},
  };
  if (!context.instance.empty()) body["instance"] = context.instance;
  if (!context.connector.empty()) body["connector"] = context.connector;
  if (!context.operation.empty()) body["operation"] = context.operation;
  if (!problem.errors.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& e : problem.errors) {
      errors.push_back({{"pointer", e.pointer}, {"reason", e.reason}});
    }
  }
  if (problem.upstream) {
    nlohmann::json upstream = nlohmann::json::object();
    if (problem.upstream->status != 0) upstream["status"] = problem.upstream->status;
    if (!problem.upstream->code.empty()) upstream["code"] = problem.upstream->code;
    if (!problem.upstream->message.empty()) upstream["message"] = problem.upstream->message;
    body["upstream"] = std::move(upstream);
  }
  return body;
}

Response problem_response(const Problem& problem, const ProblemContext& context,
                          unsigned http_version, bool keep_alive) {
  auto response = make(http_status(problem.kind), "application/problem+json",
                       problem_json(problem, context), http_version, keep_alive);
  if (problem.retry_after_seconds) {
    response.set(bhttp::field::retry_after, std::to_string(*problem.retry_after_seconds));
  }
  return response;
}

Response json_response(int status, const nlohmann::json& body, unsigned http_version,
                       bool keep_alive) {
  return make(status, "application/json", body, http_version, keep_alive);
}

}  // namespace lienthong::http
