#include "connectors/dvcqg/dvcqg_connector.hpp"

#include "connectors/dvcqg/portal_answer.hpp"
#include "core/http/client.hpp"
#include "core/log/log.hpp"

namespace lienthong::connectors {

namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using dvcqg::AnswerKind;

constexpr std::string_view kDstcodeHeader = "dstcode";

}  // namespace

Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> DvcqgConnector::make(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context) {
  if (!config.session) {
    return config::ConfigErrors{{config.file.string(), 0, "auth",
                                 "the dvcqg type needs {\"type\":\"session\", login_path, "
                                 "username, password, dstcode, madonvi}"}};
  }
  auto endpoint = parse_endpoint(config);
  if (!endpoint) return std::move(endpoint).error();
  config::ConfigErrors errors;
  for (const auto& [name, op] : config.operations) {
    if (op.method != "POST" || op.request_as != "json-body" || op.response_format != "json") {
      errors.push_back({config.file.string(), 0, "operations." + name,
                        "dvcqg calls are POST with a JSON body and a JSON answer"});
    }
  }
  if (!errors.empty()) return errors;
  return std::shared_ptr<const pipeline::Connector>(
      std::make_shared<DvcqgConnector>(config, std::move(endpoint).value(), context.client));
}

DvcqgConnector::DvcqgConnector(config::ConnectorConfig config, Endpoint endpoint,
                               http::HttpClient* client)
    : config_(std::move(config)), endpoint_(std::move(endpoint)), client_(client) {}

asio::awaitable<Result<std::string>> DvcqgConnector::login(
    const pipeline::Exchange& exchange) const {
  const auto& auth = *config_.session;
  http::Request request{bhttp::verb::post, endpoint_.base_path + auth.login_path, 11};
  request.set(bhttp::field::accept, "application/json");
  request.set(bhttp::field::content_type, "application/json");
  request.set(kDstcodeHeader, auth.dstcode);
  request.set("X-Correlation-ID", exchange.correlation_id);
  request.body() = dvcqg::login_body(auth);
  request.keep_alive(true);
  request.prepare_payload();
  auto response = co_await client_->send(endpoint_.origin, std::move(request),
                                         std::chrono::milliseconds(config_.timeout_ms));
  if (!response) co_return std::move(response).error();
  auto token = dvcqg::read_login_answer(response->result_int(), response->body(), config_.id);
  log::info("dvcqg.login", {{"connector", config_.id},
                            {"message_id", exchange.id},
                            {"outcome", token ? "ok" : "refused"}});
  co_return token;
}

asio::awaitable<Result<http::Response>> DvcqgConnector::send(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    const std::string& payload) const {
  const auto login_now = [this, &exchange]() { return login(exchange); };
  for (int attempt = 0;; ++attempt) {
    auto session = co_await sessions_->get(login_now);
    if (!session) co_return std::move(session).error();
    auto body = dvcqg::envelope(payload, session->token, config_.session->madonvi);
    if (!body) co_return std::move(body).error();
    auto request = build_request(config_, endpoint_, operation, exchange);
    request.set(kDstcodeHeader, config_.session->dstcode);
    request.set(bhttp::field::content_type, "application/json");
    request.body() = std::move(body).value();
    request.prepare_payload();
    auto response = co_await client_->send(endpoint_.origin, std::move(request),
                                           timeout_for(config_, operation));
    if (!response) co_return std::move(response).error();
    const auto kind = dvcqg::read_answer(response->result_int(), response->body()).kind;
    if (kind != AnswerKind::kSessionExpired || attempt == 1) co_return std::move(response).value();
    log::info("dvcqg.session_expired", {{"connector", config_.id}, {"message_id", exchange.id}});
    sessions_->invalidate(session->generation);
  }
}

asio::awaitable<Result<pipeline::WireResponse>> DvcqgConnector::call(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange) const {
  const auto& payload = exchange.wire_request.body;
  auto response = co_await send(operation, exchange, payload);
  if (!response) co_return std::move(response).error();
  auto answer = dvcqg::read_answer(response->result_int(), response->body());
  if (answer.kind == AnswerKind::kAlreadyExists && dvcqg::creates_dossiers(payload)) {
    // The portal's rule: a dossier it already has is synced again as an update.
    log::info("dvcqg.create_became_update",
              {{"connector", config_.id}, {"message_id", exchange.id}});
    response = co_await send(operation, exchange, dvcqg::as_update(payload));
    if (!response) co_return std::move(response).error();
    answer = dvcqg::read_answer(response->result_int(), response->body());
  }
  if (answer.kind != AnswerKind::kOk) {
    auto problem = dvcqg::to_problem(answer, config_.id);
    problem.retry_after_seconds = retry_after_seconds(*response);
    co_return problem;
  }
  co_return pipeline::WireResponse{response->result_int(),
                                   std::string((*response)[bhttp::field::content_type]),
                                   response->body()};
}

}  // namespace lienthong::connectors
