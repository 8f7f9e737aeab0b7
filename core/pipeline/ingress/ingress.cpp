#include "core/pipeline/ingress/ingress.hpp"

#include <algorithm>
#include <cctype>

#include "core/log/log.hpp"
#include "core/pipeline/async/stored_document.hpp"
#include "core/pipeline/ingress/document_answer.hpp"
#include "core/pipeline/ingress/reply.hpp"
#include "core/pipeline/ingress/request_parts.hpp"

namespace lienthong::pipeline {
namespace {

namespace bhttp = boost::beast::http;

bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::optional<std::pair<std::string, std::string>> parse_route(std::string_view target) {
  return split_route(target, "/v1/");
}

bool valid_traceparent(std::string_view v) {
  // 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>
  return v.size() == 55 && v.substr(0, 3) == "00-" && v[35] == '-' && v[52] == '-' &&
         all_hex(v.substr(3, 32)) && all_hex(v.substr(36, 16)) && all_hex(v.substr(53, 2)) &&
         v.substr(3, 32) != std::string(32, '0') && v.substr(36, 16) != std::string(16, '0');
}

bool valid_correlation_id(std::string_view v) {
  return !v.empty() && v.size() <= 128 && std::all_of(v.begin(), v.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' ||
           c == ':';
  });
}

Ingress::Ingress(std::shared_ptr<const RouteTable> routes,
                 std::shared_ptr<const ClientRegistry> clients,
                 std::shared_ptr<const MessageDesk> desk, std::shared_ptr<const RecordDesk> records,
                 std::shared_ptr<const Journal> journal)
    : routes_(std::move(routes)),
      clients_(std::move(clients)),
      desk_(std::move(desk)),
      records_(std::move(records)),
      journal_(std::move(journal)) {
  inbound_ = std::make_shared<const InboundIngress>(routes_, clients_, desk_);
}

std::size_t Ingress::body_limit(std::string_view target, std::size_t otherwise) const {
  const auto name = parse_route(target);
  if (!name) return otherwise;
  const Route* route = routes_->find(name->first, name->second);
  if (route == nullptr || route->operation.body_limit_bytes == 0) return otherwise;
  return route->operation.body_limit_bytes;
}

boost::asio::awaitable<std::optional<http::Response>> Ingress::handle(
    http::Incoming& incoming) const {
  const auto& req = incoming.request;
  if (inbound_ && parse_inbound_route(req.target())) co_return co_await inbound_->handle(incoming);
  Exchange ex = begin_exchange(req);
  auto message_id = parse_message_target(req.target());
  auto document_id = parse_document_target(req.target());
  // Not `cond ? co_await a : co_await b`: GCC 12 miscompiles co_await inside a conditional
  // expression (the frame's temporaries are destroyed twice; the hub segfaulted on every call).
  Outcome outcome = Problem::make(ProblemKind::kInternal, "no door answered");
  if (message_id) {
    outcome = co_await read_status(incoming, *message_id, ex);
  } else if (document_id) {
    outcome = co_await read_document(incoming, *document_id, ex);
  } else {
    outcome = co_await call(incoming, ex);
    // A 202 was journalled by the store, with the message it stored.
    const bool stored = outcome && outcome->status == 202;
    if (journal_ && journal_->on() && !ex.connector.empty() && !stored) {
      co_await journal_call(ex, outcome);
    }
  }
  co_return reply(outcome, ex, req,
                  {.allow = message_id || document_id ? "GET" : "POST",
                   .close_on_problem = incoming.peer_certificate_problem.has_value()});
}

boost::asio::awaitable<Outcome> Ingress::read_status(const http::Incoming& incoming,
                                                     const std::string& message_id,
                                                     Exchange& ex) const {
  auto client = identify_caller(incoming, *clients_, ex);
  if (!client) co_return std::move(client).error();
  if (incoming.body_problem) co_return *incoming.body_problem;
  if (incoming.request.method() != bhttp::verb::get) {
    co_return Problem::make(ProblemKind::kMethodNotAllowed, "a message's status is read with GET");
  }
  if (!desk_) co_return Problem::make(ProblemKind::kNotFound, "no such message");
  auto status = co_await desk_->status(message_id, ex.client);
  if (!status) co_return std::move(status).error();
  auto attempts = co_await desk_->attempts(message_id);
  if (!attempts) co_return std::move(attempts).error();
  auto body = status_json(*status, &*attempts);
  const auto& connectors = routes_->connectors();
  const auto connector = connectors.find(status->connector);
  if (connector != connectors.end()) {
    auto progress = co_await connector->second->progress(*status);
    if (progress) body.update(*progress);
  }
  co_return Answer{.status = 200, .body = std::move(body)};
}

boost::asio::awaitable<Outcome> Ingress::read_document(const http::Incoming& incoming,
                                                       const std::string& document_id,
                                                       Exchange& ex) const {
  auto client = identify_caller(incoming, *clients_, ex);
  if (!client) co_return std::move(client).error();
  if (incoming.body_problem) co_return *incoming.body_problem;
  if (incoming.request.method() != bhttp::verb::get) {
    co_return Problem::make(ProblemKind::kMethodNotAllowed, "a document is read with GET");
  }
  auto not_found = Problem::make(ProblemKind::kNotFound, "no such document");
  const bool plausible = !document_id.empty() && document_id.size() <= 64 &&
                         std::all_of(document_id.begin(), document_id.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
                         });
  if (!plausible || !records_) co_return not_found;
  std::string kind(kDocumentKind);
  auto record = co_await records_->get(std::move(kind), document_id);
  if (!record) {
    if (record.error().kind == ProblemKind::kNotFound) co_return not_found;
    co_return std::move(record).error();
  }
  if (record->client != ex.client) co_return not_found;  // others' documents do not exist for you
  const auto data = nlohmann::json::parse(record->data, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object() || !data.contains("document")) {
    co_return Problem::make(ProblemKind::kInternal, "the stored document is unreadable");
  }
  co_return document_answer(200, data.at("document"), incoming.request[bhttp::field::accept]);
}

boost::asio::awaitable<Outcome> Ingress::call(const http::Incoming& incoming, Exchange& ex) const {
  const auto& req = incoming.request;
  auto route_name = parse_route(req.target());
  if (!route_name) {
    co_return Problem::make(
        ProblemKind::kNotFound,
        "no such endpoint; calls go to POST /v1/{connector}/{operation} (external systems: POST "
        "/inbound/{connector}/{operation})");
  }
  auto client = identify_caller(incoming, *clients_, ex);
  if (!client) co_return std::move(client).error();

  const Route* route = routes_->find(route_name->first, route_name->second);
  if (route == nullptr) {
    bool known = routes_->has_connector(route_name->first);
    co_return Problem::make(
        ProblemKind::kNotFound,
        known ? "connector " + route_name->first + " has no operation " + route_name->second
              : "unknown connector " + route_name->first);
  }
  ex.connector = route->connector;
  ex.operation = route->operation.name;
  if (req.method() != bhttp::verb::post) {
    co_return Problem::make(ProblemKind::kMethodNotAllowed, "operations are called with POST");
  }
  if (!(*client)->allows(ex.connector, ex.operation)) {
    co_return Problem::make(ProblemKind::kForbidden, "client " + ex.client + " may not call " +
                                                         ex.connector + "/" + ex.operation);
  }
  if (incoming.body_problem) co_return *incoming.body_problem;
  if (!is_json_media_type(req[bhttp::field::content_type])) {
    co_return Problem::make(ProblemKind::kUnsupportedMediaType,
                            "send the request as Content-Type: application/json");
  }
  auto parsed = parse_json_body(req.body());
  if (!parsed) co_return std::move(parsed).error();
  ex.request = std::move(parsed).value();

  const bool async =
      route->operation.respond == "async" || prefers_async(req[bhttp::field::prefer]);
  std::string idempotency_key(req["Idempotency-Key"]);
  if (!idempotency_key.empty() && !valid_idempotency_key(idempotency_key)) {
    co_return Problem::make(ProblemKind::kMalformed,
                            "Idempotency-Key must be 1-255 visible ASCII characters");
  }
  ex.idempotency_key = idempotency_key;
  if (async && !desk_) {
    co_return Problem::make(ProblemKind::kUnavailable, "asynchronous delivery is not configured");
  }
  // An async message is only checked now; the rest of the chain runs at delivery.
  const auto stages = async ? route->checks : route->stages.size();
  if (!async && journal_) ex.wire_evidence = journal_->wire_for(ex.connector);
  for (std::size_t i = 0; i < stages; ++i) {
    auto done = co_await route->stages[i]->run(ex);
    if (!done) co_return std::move(done).error();
  }
  if (!async && route->operation.answer_as == "document") {
    co_return document_answer(route->operation.answer_status, ex.response,
                              req[bhttp::field::accept]);
  }
  if (!async)
    co_return Answer{.status = route->operation.answer_status, .body = std::move(ex.response)};

  auto accepted = co_await desk_->accept(ex, *route, std::move(idempotency_key));
  if (!accepted) co_return std::move(accepted).error();
  ex.id = accepted->id;  // a replay answers for the first message
  co_return Answer{
      .status = 202,
      .body = std::move(accepted->body),
      .headers = {{"Location", "/v1/messages/" + ex.id}, {"Preference-Applied", "respond-async"}}};
}

boost::asio::awaitable<void> Ingress::journal_call(const Exchange& ex,
                                                   const Outcome& outcome) const {
  const int status = outcome ? outcome->status : http_status(outcome.error().kind);
  std::string detail = outcome ? std::string() : std::string(type_slug(outcome.error().kind));
  auto facts = journal_->facts(ex, "exchange", std::to_string(status), std::move(detail), true);
  auto appended = co_await journal_->append(std::move(facts));
  // The exchange happened; its caller gets its answer. An entry that cannot be written is an
  // operator's alarm (the store is failing), never a second failure for the caller.
  if (!appended) {
    log::error("evidence.append_failed", {{"id", ex.id}, {"problem", appended.error().detail}});
  }
}

}  // namespace lienthong::pipeline
