#include "core/pipeline/ingress/inbound_ingress.hpp"

#include "core/log/log.hpp"
#include "core/pipeline/inbound/inbound_routes.hpp"
#include "core/pipeline/ingress/reply.hpp"
#include "core/pipeline/ingress/request_parts.hpp"

namespace lienthong::pipeline {
namespace {

namespace bhttp = boost::beast::http;

Problem unknown_route(const RouteTable& routes, const std::string& connector,
                      const std::string& operation) {
  if (!routes.has_connector(connector)) {
    return Problem::make(ProblemKind::kNotFound, "unknown connector " + connector);
  }
  return Problem::make(ProblemKind::kNotFound,
                       "connector " + connector + " has no inbound operation " + operation);
}

}  // namespace

std::optional<std::pair<std::string, std::string>> parse_inbound_route(std::string_view target) {
  return split_route(target, "/inbound/");
}

InboundIngress::InboundIngress(std::shared_ptr<const RouteTable> routes,
                               std::shared_ptr<const ClientRegistry> clients,
                               std::shared_ptr<const MessageDesk> desk)
    : routes_(std::move(routes)), clients_(std::move(clients)), desk_(std::move(desk)) {}

boost::asio::awaitable<std::optional<http::Response>> InboundIngress::handle(
    http::Incoming& incoming) const {
  Exchange ex = begin_exchange(incoming.request);
  const Route* receiver = nullptr;
  auto outcome = co_await accept(incoming, ex, receiver);
  if (receiver != nullptr && !outcome) {
    log::info("inbound.refused", {{"message_id", ex.id},
                                  {"connector", ex.connector},
                                  {"operation", ex.operation},
                                  {"type", std::string(type_slug(outcome.error().kind))},
                                  {"detail", outcome.error().detail}});
    outcome = receiver->receiver->refusal(*receiver, outcome.error());
  }
  co_return reply(outcome, ex, incoming.request,
                  {.close_on_problem = incoming.peer_certificate_problem.has_value()});
}

boost::asio::awaitable<Outcome> InboundIngress::accept(const http::Incoming& incoming, Exchange& ex,
                                                       const Route*& receiver) const {
  const auto& req = incoming.request;
  auto name = parse_inbound_route(req.target());
  if (!name) {
    co_return Problem::make(ProblemKind::kNotFound,
                            "no such endpoint; callbacks go to POST "
                            "/inbound/{connector}/{operation}");
  }
  auto client = identify_caller(incoming, *clients_, ex);
  if (!client) co_return std::move(client).error();
  const Route* route = routes_->find_inbound(name->first, name->second);
  if (route == nullptr) co_return unknown_route(*routes_, name->first, name->second);
  ex.connector = route->connector;
  ex.operation = route->operation.name;
  if (req.method() != bhttp::verb::post) {
    co_return Problem::make(ProblemKind::kMethodNotAllowed, "callbacks are sent with POST");
  }
  if (!(*client)->allows_inbound(name->first, name->second)) {
    co_return Problem::make(
        ProblemKind::kForbidden,
        "client " + ex.client + " may not call /inbound/" + name->first + "/" + name->second);
  }
  if (route->receiver) receiver = route;
  if (incoming.body_problem) co_return *incoming.body_problem;
  if (!is_json_media_type(req[bhttp::field::content_type])) {
    co_return Problem::make(ProblemKind::kUnsupportedMediaType,
                            "send the callback as Content-Type: application/json");
  }
  auto parsed = parse_json_body(req.body());
  if (!parsed) co_return std::move(parsed).error();
  ex.request = std::move(parsed).value();
  std::string idempotency_key(req["Idempotency-Key"]);
  if (!idempotency_key.empty() && !valid_idempotency_key(idempotency_key)) {
    co_return Problem::make(ProblemKind::kMalformed,
                            "Idempotency-Key must be 1-255 visible ASCII characters");
  }
  ex.idempotency_key = idempotency_key;
  if (route->receiver) co_return co_await route->receiver->receive(*route, ex);
  if (!desk_) co_return Problem::make(ProblemKind::kUnavailable, "the message store is not open");
  for (std::size_t i = 0; i < route->checks; ++i) {
    auto done = co_await route->stages[i]->run(ex);
    if (!done) co_return std::move(done).error();
  }
  auto accepted = co_await desk_->accept(ex, *route, std::move(idempotency_key));
  if (!accepted) co_return std::move(accepted).error();
  ex.id = accepted->id;  // a replay answers for the first message
  co_return Answer{.status = 202,
                   .body = std::move(accepted->body),
                   .headers = {{"Location", "/v1/messages/" + ex.id}}};
}

}  // namespace lienthong::pipeline
