#include "core/pipeline/async/message_desk.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "core/base/time_text.hpp"
#include "core/pipeline/inbound/inbound_routes.hpp"
#include "core/store/awaitable.hpp"

namespace lienthong::pipeline {
namespace {

// Outside the coroutines: GCC 12 mishandles braced temporaries in them.
AcceptAnswer queued_answer(const std::string& id) {
  AcceptAnswer answer;
  answer.id = id;
  answer.body = nlohmann::json::object();
  answer.body["id"] = id;
  answer.body["state"] = "queued";
  return answer;
}

}  // namespace

MessageDesk::MessageDesk(std::shared_ptr<store::MessageStore> store,
                         std::shared_ptr<boost::asio::thread_pool> blocking,
                         std::function<void()> on_accepted)
    : store_(std::move(store)),
      blocking_(std::move(blocking)),
      on_accepted_(std::move(on_accepted)) {}

boost::asio::awaitable<Result<AcceptAnswer>> MessageDesk::accept(
    const Exchange& exchange, const Route& route, std::string idempotency_key) const {
  auto message = new_message(exchange, route, std::move(idempotency_key));
  auto start = [store = store_, m = std::move(message)](store::Done<store::Accepted> done) mutable {
    store->accept(std::move(m), std::move(done));
  };
  auto accepted = co_await store::await_store<store::Accepted>(std::move(start));
  if (!accepted) co_return std::move(accepted).error();
  auto answer = queued_answer(accepted->id);
  if (!accepted->duplicate) {
    if (on_accepted_) on_accepted_();
    co_return answer;
  }
  // A replay: say where the first message is now.
  auto first = co_await status(accepted->id, exchange.client);
  if (first) {
    auto json = status_json(*first);
    answer.body["state"] = json["state"];
    if (first->state == store::MessageState::kDelivered) answer.body["result"] = json["result"];
  }
  co_return answer;
}

boost::asio::awaitable<Result<store::MessageStatus>> MessageDesk::status(std::string id,
                                                                         std::string client) const {
  const bool plausible =
      !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
      });
  auto not_found = Problem::make(ProblemKind::kNotFound, "no such message");
  if (!plausible) co_return not_found;
  auto read = [store = store_, id = std::move(id)] { return store->get(id); };
  auto found = co_await store::await_blocking<store::MessageStatus>(*blocking_, std::move(read));
  if (!found) {
    if (found.error().kind == ProblemKind::kNotFound) co_return not_found;
    co_return std::move(found).error();
  }
  if (found->client != client) co_return not_found;  // others' messages do not exist for you
  co_return found;
}

boost::asio::awaitable<Result<std::vector<store::AttemptRecord>>> MessageDesk::attempts(
    std::string id) const {
  auto read = [store = store_, id = std::move(id)] { return store->attempts(id); };
  co_return co_await store::await_blocking<std::vector<store::AttemptRecord>>(*blocking_,
                                                                              std::move(read));
}

std::string ordering_key(const nlohmann::json& request, const std::string& order_key) {
  if (order_key.empty()) return {};
  const nlohmann::json::json_pointer pointer(order_key);
  if (!request.contains(pointer)) return {};
  const auto& value = request.at(pointer);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

store::NewMessage new_message(const Exchange& exchange, const Route& route,
                              std::string idempotency_key) {
  return new_message(exchange, route.connector, route.operation.name, route.operation.order_key,
                     std::move(idempotency_key));
}

store::NewMessage new_message(const Exchange& exchange, std::string connector,
                              std::string stored_operation, const std::string& order_key,
                              std::string idempotency_key) {
  store::NewMessage m;
  m.id = exchange.id;
  m.client = exchange.client;
  m.connector = std::move(connector);
  m.operation = std::move(stored_operation);
  m.ordering_key = ordering_key(exchange.request, order_key);
  // Order holds per receiving side. An inbound push of a dossier goes to the provincial system,
  // not to the portal its outbound messages go to: sharing the key would let a portal outage
  // hold the province's status callbacks (and the other way round).
  if (!m.ordering_key.empty() && is_inbound_operation(m.operation)) {
    m.ordering_key = "inbound:" + m.ordering_key;
  }
  m.idempotency_key = std::move(idempotency_key);
  m.body = exchange.request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  m.headers["X-Correlation-ID"] = exchange.correlation_id;
  if (!exchange.traceparent.empty()) m.headers["traceparent"] = exchange.traceparent;
  return m;
}

std::string iso8601(store::TimePoint t) {
  return rfc3339_millis(store::to_millis(t));
}

namespace {

nlohmann::json timeline_json(const std::vector<store::AttemptRecord>& attempts) {
  using Json = nlohmann::json;
  auto list = Json::array();
  for (const auto& a : attempts) {
    Json one{{"attempt", a.attempt},
             {"node", a.node_id},
             {"outcome", std::string(store::to_string(a.outcome))},
             {"endedAt", iso8601(a.ended_at)},
             {"farStatus", a.far_status == 0 ? Json() : Json(a.far_status)},
             {"errorClass", a.error_class.empty() ? Json() : Json(a.error_class)}};
    if (a.started_at) {
      one["startedAt"] = iso8601(*a.started_at);
      one["durationMs"] =
          std::chrono::duration_cast<std::chrono::milliseconds>(a.ended_at - *a.started_at).count();
    }
    list.push_back(std::move(one));
  }
  return list;
}

}  // namespace

nlohmann::json status_json(const store::MessageStatus& s,
                           const std::vector<store::AttemptRecord>* attempts) {
  using Json = nlohmann::json;
  auto optional_text = [](const std::string& v) { return v.empty() ? Json() : Json(v); };
  auto optional_time = [](const std::optional<store::TimePoint>& t) {
    return t ? Json(iso8601(*t)) : Json();
  };
  Json result;
  if (s.state == store::MessageState::kDelivered && !s.result.empty()) {
    result = Json::parse(s.result, nullptr, /*allow_exceptions=*/false);
    if (result.is_discarded()) result = Json();
  }
  return Json{{"id", s.id},
              {"connector", s.connector},
              {"operation", s.operation},
              {"state", std::string(store::to_string(s.state))},
              {"attempts", s.attempts},
              {"lastError", optional_text(s.last_error)},
              {"nextAttemptAt", optional_time(s.next_attempt_at)},
              {"waitingBehind", optional_text(s.waiting_behind)},
              {"waitingFor", optional_text(s.waiting_for)},
              {"result", result},
              {"deadReason", optional_text(s.dead_reason)},
              {"acceptedAt", iso8601(s.accepted_at)},
              {"finishedAt", optional_time(s.finished_at)},
              {"traceparent", optional_text(s.traceparent)},
              {"timeline", attempts ? timeline_json(*attempts) : Json::array()}};
}

std::optional<std::string> parse_message_target(std::string_view target) {
  auto path = target.substr(0, target.find('?'));
  constexpr std::string_view kPrefix = "/v1/messages/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  return std::string(path.substr(kPrefix.size()));
}

bool prefers_async(std::string_view prefer) {
  // Prefer: respond-async, wait=10 — preferences are comma separated, tokens case-insensitive.
  while (!prefer.empty()) {
    auto comma = prefer.find(',');
    auto item = prefer.substr(0, comma);
    item = item.substr(0, item.find(';'));
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    constexpr std::string_view kAsync = "respond-async";
    if (item.size() == kAsync.size() &&
        std::equal(item.begin(), item.end(), kAsync.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return true;
    }
    if (comma == std::string_view::npos) break;
    prefer.remove_prefix(comma + 1);
  }
  return false;
}

bool valid_idempotency_key(std::string_view key) {
  return !key.empty() && key.size() <= 255 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace lienthong::pipeline
