#include "core/admin/admin_handler.hpp"

#include "core/http/problem_response.hpp"

namespace lienthong::admin {

AdminHandler::AdminHandler(std::shared_ptr<const std::atomic<bool>> ready,
                           std::shared_ptr<const QueueApi> queue,
                           std::shared_ptr<const RecordsApi> records,
                           std::shared_ptr<const ActionsApi> actions,
                           std::shared_ptr<const MetricsApi> metrics, ConsoleParts console)
    : ready_(std::move(ready)),
      queue_(std::move(queue)),
      records_(std::move(records)),
      actions_(std::move(actions)),
      metrics_(std::move(metrics)),
      console_(std::move(console)) {}

boost::asio::awaitable<std::optional<http::Response>> AdminHandler::handle(
    http::Incoming& incoming, const auth::Principal& who) const {
  const auto& req = incoming.request;
  auto path = req.target().substr(0, req.target().find('?'));
  if (path == "/healthz") {
    co_return http::json_response(200, {{"status", "ok"}}, req.version(), req.keep_alive());
  }
  if (path == "/readyz") {
    bool ready = ready_->load();
    co_return http::json_response(ready ? 200 : 503, {{"status", ready ? "ready" : "starting"}},
                                  req.version(), req.keep_alive());
  }
  if (console_.files) {
    if (auto answer = console_.files->handle(req)) co_return answer;
  }
  if (metrics_) {
    if (auto answer = co_await metrics_->handle(req)) co_return answer;
  }
  const std::string actor = who.actor();
  if (queue_) {
    if (auto answer = co_await queue_->handle(req, actor)) co_return answer;
  }
  if (records_) {
    if (auto answer = co_await records_->handle(req)) co_return answer;
  }
  if (actions_) {
    if (auto answer = co_await actions_->handle(req, actor)) co_return answer;
  }
  if (console_.certificates) {
    if (auto answer = co_await console_.certificates->handle(req)) co_return answer;
  }
  if (console_.config) {
    if (auto answer = console_.config->handle(req)) co_return answer;
  }
  if (console_.reload) {
    if (auto answer = co_await console_.reload->handle(req, actor)) co_return answer;
  }
  co_return http::problem_response(
      Problem::make(ProblemKind::kNotFound,
                    "admin endpoints: /healthz, /readyz, /metrics, /admin/queue/, /admin/records/, "
                    "/admin/connectors/{id}/actions/{action}, /admin/certificates, /admin/config, "
                    "POST /admin/reload; "
                    "the console: /"),
      {}, req.version(), req.keep_alive());
}

}  // namespace lienthong::admin
