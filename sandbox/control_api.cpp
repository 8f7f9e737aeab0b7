#include "sandbox/control_api.hpp"

#include "sandbox/mock_handler.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox {
namespace {

namespace bhttp = http::beast::http;

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

http::Response no_content(const http::Request& request) {
  http::Response response{bhttp::status::no_content, request.version()};
  response.keep_alive(request.keep_alive());
  return response;
}

http::Response method_not_allowed(const http::Request& request, std::string_view allow) {
  auto response = problem_response(request, ProblemKind::kMethodNotAllowed,
                                   "allowed methods: " + std::string(allow));
  response.set(bhttp::field::allow, allow);
  return response;
}

http::Response requests_route(const http::Request& request, RequestLog& log) {
  switch (request.method()) {
    case bhttp::verb::get: {
      auto response = json_response(request, bhttp::status::ok, log.to_json());
      response.set(kDuplicatesHeader, std::to_string(log.duplicates()));
      return response;
    }
    case bhttp::verb::delete_:
      log.clear();
      return no_content(request);
    default:
      return method_not_allowed(request, "GET, DELETE");
  }
}

http::Response faults_route(const http::Request& request, FaultInjector& faults) {
  switch (request.method()) {
    case bhttp::verb::get:
      return json_response(request, bhttp::status::ok, to_json(faults.current()));
    case bhttp::verb::delete_:
      faults.clear();
      return no_content(request);
    case bhttp::verb::post: {
      auto settings = parse_fault_settings(request.body());
      if (!settings) {
        return problem_response(request, ProblemKind::kInvalid, "fault settings are invalid",
                                settings.error());
      }
      faults.set(*settings);
      return json_response(request, bhttp::status::ok, to_json(*settings));
    }
    default:
      return method_not_allowed(request, "GET, POST, DELETE");
  }
}

}  // namespace

bool is_control_target(std::string_view target) {
  const auto path = path_of(target);
  return path == "/_sandbox" || path.starts_with("/_sandbox/");
}

std::optional<http::Response> handle_control(const http::Request& request, RequestLog& log,
                                             FaultInjector& faults) {
  if (!is_control_target(request.target())) return std::nullopt;
  const auto path = path_of(request.target());
  if (path == "/_sandbox/requests") return requests_route(request, log);
  if (path == "/_sandbox/faults") return faults_route(request, faults);
  return problem_response(request, ProblemKind::kNotFound,
                          "the sandbox control API has /_sandbox/requests and /_sandbox/faults");
}

}  // namespace lienthong::sandbox
