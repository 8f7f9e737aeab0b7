#include "core/admin/actions_api.hpp"

#include "core/http/problem_response.hpp"
#include "core/pipeline/evidence/operator_action.hpp"

namespace lienthong::admin {
namespace {

namespace bhttp = boost::beast::http;

constexpr std::string_view kPrefix = "/admin/connectors/";
constexpr std::string_view kActions = "/actions/";

}  // namespace

ActionsApi::ActionsApi(pipeline::LiveRoutes routes,
                       std::shared_ptr<const pipeline::Journal> journal)
    : routes_(std::move(routes)), journal_(std::move(journal)) {}

boost::asio::awaitable<std::optional<http::Response>> ActionsApi::handle(
    const http::Request& req, const std::string& actor) const {
  const auto target = std::string_view(req.target());
  const auto path = target.substr(0, target.find('?'));
  if (!path.starts_with(kPrefix)) co_return std::nullopt;
  auto problem = [&](const Problem& p) {
    return http::problem_response(p, {}, req.version(), req.keep_alive());
  };
  const auto rest = path.substr(kPrefix.size());
  const auto mark = rest.find(kActions);
  if (mark == std::string_view::npos || rest.find('/', mark + kActions.size()) != rest.npos) {
    co_return problem(Problem::make(ProblemKind::kNotFound,
                                    "actions are at POST /admin/connectors/{id}/actions/{action}"));
  }
  const std::string id(rest.substr(0, mark));
  const std::string action(rest.substr(mark + kActions.size()));
  if (req.method() != bhttp::verb::post) {
    co_return problem(Problem::make(ProblemKind::kMethodNotAllowed, "actions are run with POST"));
  }
  const auto routes = routes_.now();  // kept while the action runs
  const auto& connectors = routes->connectors();
  const auto it = connectors.find(id);
  if (it == connectors.end()) {
    co_return problem(Problem::make(ProblemKind::kNotFound, "unknown connector " + id));
  }
  nlohmann::json params = nlohmann::json::object();
  if (!req.body().empty()) {
    params = nlohmann::json::parse(req.body(), nullptr, false);
    if (!params.is_object()) {
      co_return problem(
          Problem::make(ProblemKind::kMalformed, "an action's parameters are a JSON object"));
    }
  }
  auto report = co_await pipeline::run_operator_action(*it->second, id, action, params, actor,
                                                       journal_.get());
  if (!report) co_return problem(report.error());
  co_return http::json_response(200, report->json, req.version(), req.keep_alive());
}

}  // namespace lienthong::admin
