#include "sandbox/responses.hpp"

namespace lienthong::sandbox {

namespace bhttp = http::beast::http;

http::Response make_response(const http::Request& request, bhttp::status status,
                             std::string_view content_type, std::string body) {
  http::Response response{status, request.version()};
  response.set(bhttp::field::content_type, content_type);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

http::Response json_response(const http::Request& request, bhttp::status status,
                             const nlohmann::json& body) {
  return make_response(request, status, "application/json; charset=utf-8", dump_json(body));
}

http::Response problem_response(const http::Request& request, ProblemKind kind, std::string detail,
                                const std::vector<FieldError>& errors) {
  nlohmann::json body = {{"type", type_slug(kind)},
                         {"title", title(kind)},
                         {"status", http_status(kind)},
                         {"detail", std::move(detail)}};
  if (!errors.empty()) {
    auto& list = body["errors"] = nlohmann::json::array();
    for (const auto& e : errors) list.push_back({{"pointer", e.pointer}, {"reason", e.reason}});
  }
  return make_response(request, static_cast<bhttp::status>(http_status(kind)),
                       "application/problem+json", dump_json(body));
}

}  // namespace lienthong::sandbox
