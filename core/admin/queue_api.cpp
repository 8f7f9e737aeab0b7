#include "core/admin/queue_api.hpp"

#include <boost/asio/post.hpp>
#include <charconv>
#include <type_traits>
#include <utility>

#include "core/admin/query_params.hpp"
#include "core/admin/store_reads.hpp"
#include "core/base/time_text.hpp"
#include "core/delivery/queue_age.hpp"
#include "core/delivery/queue_json.hpp"
#include "core/http/problem_response.hpp"
#include "core/store/awaitable.hpp"

namespace lienthong::admin {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;
using Params = std::map<std::string, std::string, std::less<>>;

constexpr std::string_view kPrefix = "/admin/queue/";
constexpr std::string_view kMessages = "/admin/queue/messages";

// `?since=` / `?until=`: an RFC 3339 time or a date; a 400 naming the parameter otherwise.
std::optional<Problem> read_time(const Params& params, std::string_view key,
                                 std::optional<store::TimePoint>& out) {
  auto it = params.find(key);
  if (it == params.end() || it->second.empty()) return std::nullopt;
  auto ms = parse_rfc3339_millis(it->second);
  if (!ms) {
    return bad(std::string(key) + " must be an RFC 3339 time like 2026-12-07T10:15:30Z or " +
               "2026-12-07T17:15:30+07:00, or a date like 2026-12-07, not " + it->second);
  }
  out = store::from_millis(*ms);
  return std::nullopt;
}

Result<store::ListFilter> list_filter(const Params& params) {
  if (auto p =
          only(params, {"connector", "operation", "state", "since", "until", "limit", "before"})) {
    return *p;
  }
  store::ListFilter filter;
  filter.limit = 100;
  if (auto it = params.find("connector"); it != params.end()) filter.connector = it->second;
  if (auto it = params.find("operation"); it != params.end()) filter.operation = it->second;
  if (auto p = read_time(params, "since", filter.accepted_since)) return *p;
  if (auto p = read_time(params, "until", filter.accepted_until)) return *p;
  if (filter.accepted_since && filter.accepted_until &&
      *filter.accepted_until <= *filter.accepted_since) {
    return bad("until must be later than since");
  }
  if (auto it = params.find("before"); it != params.end()) filter.before_id = it->second;
  if (auto it = params.find("state"); it != params.end() && !it->second.empty()) {
    filter.state = store::parse_state(it->second);
    if (!filter.state) {
      return bad("state must be queued, in_flight, delivered, retrying or dead, not " + it->second);
    }
  }
  if (auto p = read_limit(params, filter.limit)) return *p;
  return filter;
}

}  // namespace

QueueApi::QueueApi(std::shared_ptr<store::MessageStore> store,
                   boost::asio::any_io_executor blocking)
    : store_(std::move(store)), blocking_(std::move(blocking)) {}

boost::asio::awaitable<std::optional<http::Response>> QueueApi::handle(
    const http::Request& req, const std::string& actor) const {
  const auto target = std::string_view(req.target());
  const auto q = target.find('?');
  const auto path = target.substr(0, q);
  if (!path.starts_with(kPrefix)) co_return std::nullopt;
  auto reply = [&](int status, const Json& body) {
    return http::json_response(status, body, req.version(), req.keep_alive());
  };
  auto problem = [&](const Problem& p) {
    return http::problem_response(p, {}, req.version(), req.keep_alive());
  };
  auto params = parse_query(q == std::string_view::npos ? "" : target.substr(q + 1));
  if (!params) co_return problem(params.error());
  const bool get = req.method() == bhttp::verb::get;
  const bool post = req.method() == bhttp::verb::post;
  auto wrong_method = Problem::make(ProblemKind::kMethodNotAllowed, "see the admin API");

  if (path == kMessages) {
    if (!get) co_return problem(wrong_method);
    auto filter = list_filter(*params);
    if (!filter) co_return problem(filter.error());
    const auto list = [f = *filter](store::MessageStore& s) { return s.list(f); };
    auto listed = co_await read_store(store_, blocking_, list);
    if (!listed) co_return problem(listed.error());
    Json body = {{"messages", Json::array()}};
    for (const auto& m : *listed) {
      body["messages"].push_back(delivery::message_json(m, delivery::MessageView::kSummary));
    }
    if (static_cast<int>(listed->size()) == filter->limit && !listed->empty()) {
      body["next_before"] = listed->back().id;  // the next page: ?before=<this>
    }
    co_return reply(200, body);
  }
  if (path.starts_with(std::string(kMessages) + "/")) {
    auto rest = std::string(path.substr(kMessages.size() + 1));
    const bool is_replay = rest.ends_with("/replay");
    if (is_replay) rest.resize(rest.size() - std::string_view("/replay").size());
    if (rest.empty() || rest.find('/') != std::string::npos) {
      co_return problem(Problem::make(ProblemKind::kNotFound, "no such admin endpoint"));
    }
    if (auto p = only(*params, {})) co_return problem(*p);
    if (is_replay ? !post : !get) co_return problem(wrong_method);
    const auto get_one = [rest](store::MessageStore& s) { return s.get(rest); };
    auto found = co_await read_store(store_, blocking_, get_one);
    if (!found) co_return problem(found.error());
    if (!is_replay) {
      const auto get_attempts = [rest](store::MessageStore& s) { return s.attempts(rest); };
      auto attempts = co_await read_store(store_, blocking_, get_attempts);
      if (!attempts) co_return problem(attempts.error());
      auto body = delivery::message_json(*found, delivery::MessageView::kFull);
      body["attempts_log"] = delivery::attempts_json(*attempts);
      co_return reply(200, body);
    }
    if (found->state != store::MessageState::kDead) {
      co_return problem(
          Problem::make(ProblemKind::kConflict, "message " + rest + " is " +
                                                    std::string(store::to_string(found->state)) +
                                                    "; only dead messages can be replayed"));
    }
    const auto replay = [this, &rest, &actor](store::Done<void> done) {
      store_->replay(rest, actor, std::move(done));
    };
    auto replayed = co_await store::await_store<void>(replay);
    if (!replayed) co_return problem(replayed.error());
    co_return reply(200, {{"id", rest}, {"state", "queued"}});
  }
  if (path == "/admin/queue/replay-dead") {
    if (!post) co_return problem(wrong_method);
    if (auto p = only(*params, {"connector"})) co_return problem(*p);
    auto it = params->find("connector");
    if (it == params->end() || it->second.empty()) {
      co_return problem(bad("give ?connector=ID: the connector whose dead messages to replay"));
    }
    auto connector = it->second;
    const auto replay_all = [this, &connector, &actor](store::Done<int> done) {
      store_->replay_all_dead(connector, actor, std::move(done));
    };
    auto n = co_await store::await_store<int>(replay_all);
    if (!n) co_return problem(n.error());
    co_return reply(200, {{"connector", connector}, {"replayed", *n}});
  }
  if (path == "/admin/queue/purge-dead") {
    if (!post) co_return problem(wrong_method);
    if (auto p = only(*params, {"older_than"})) co_return problem(*p);
    auto it = params->find("older_than");
    auto age = it == params->end() ? std::nullopt : delivery::parse_age(it->second);
    if (!age) co_return problem(bad("give ?older_than= an age like 7d, 12h or 30m"));
    auto before = store::Clock::now() - *age;
    const auto purge = [this, before, &actor](store::Done<int> done) {
      store_->purge_dead(before, actor, std::move(done));
    };
    auto n = co_await store::await_store<int>(purge);
    if (!n) co_return problem(n.error());
    co_return reply(200, {{"removed", *n}, {"died_before", delivery::rfc3339(before)}});
  }
  co_return problem(Problem::make(ProblemKind::kNotFound, "no such admin endpoint"));
}

}  // namespace lienthong::admin
