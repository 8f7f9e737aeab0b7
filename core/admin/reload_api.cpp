#include "core/admin/reload_api.hpp"

#include "core/http/problem_response.hpp"

namespace lienthong::admin {

namespace bhttp = boost::beast::http;

boost::asio::awaitable<std::optional<http::Response>> ReloadApi::handle(
    const http::Request& req, const std::string& actor) const {
  const auto target = std::string_view(req.target());
  if (target.substr(0, target.find('?')) != "/admin/reload") co_return std::nullopt;
  auto problem = [&](const Problem& p) {
    return http::problem_response(p, {}, req.version(), req.keep_alive());
  };
  if (req.method() != bhttp::verb::post) {
    co_return problem(Problem::make(ProblemKind::kMethodNotAllowed, "a reload is asked with POST"));
  }
  bool force = false;
  if (!req.body().empty()) {
    const auto body = nlohmann::json::parse(req.body(), nullptr, false);
    if (!body.is_object() || (body.contains("force") && !body["force"].is_boolean())) {
      co_return problem(Problem::make(ProblemKind::kMalformed,
                                      "the body of a reload is empty or {\"force\": true|false}"));
    }
    force = body.contains("force") && body["force"].get<bool>();
  }
  auto outcome = co_await reload_(actor, force);
  if (outcome.applied) {
    co_return http::json_response(200, outcome.answer, req.version(), req.keep_alive());
  }
  auto refused = Problem::make(ProblemKind::kUnprocessable,
                               "the configuration was not reloaded: the running one is kept (" +
                                   std::to_string(outcome.errors.size()) +
                                   (outcome.errors.size() == 1 ? " problem)" : " problems)"));
  refused.errors = std::move(outcome.errors);
  co_return problem(refused);
}

}  // namespace lienthong::admin
