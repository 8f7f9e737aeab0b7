#include "core/admin/config_api.hpp"

#include "core/admin/config_json.hpp"
#include "core/admin/query_params.hpp"
#include "core/http/problem_response.hpp"

namespace lienthong::admin {
namespace {

namespace bhttp = boost::beast::http;
constexpr std::string_view kPath = "/admin/config";

}  // namespace

ConfigApi::ConfigApi(const config::HubConfig& config)
    : body_(config_json(config).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) {}

std::optional<http::Response> ConfigApi::handle(const http::Request& req) const {
  const auto target = std::string_view(req.target());
  const auto q = target.find('?');
  if (target.substr(0, q) != kPath) return std::nullopt;
  auto problem = [&](const Problem& p) {
    return http::problem_response(p, {}, req.version(), req.keep_alive());
  };
  if (req.method() != bhttp::verb::get) {
    return problem(Problem::make(ProblemKind::kMethodNotAllowed,
                                 "the configuration is read with GET (POST /admin/reload loads "
                                 "it again)"));
  }
  auto params = parse_query(q == std::string_view::npos ? "" : target.substr(q + 1));
  if (!params) return problem(params.error());
  if (auto p = only(*params, {})) return problem(*p);
  return http::bytes_response(200, "application/json", body_, req.version(), req.keep_alive());
}

}  // namespace lienthong::admin
