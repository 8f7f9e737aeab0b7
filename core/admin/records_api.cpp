#include "core/admin/records_api.hpp"

#include <charconv>

#include "core/admin/query_params.hpp"
#include "core/admin/record_json.hpp"
#include "core/admin/store_reads.hpp"
#include "core/http/problem_response.hpp"

namespace lienthong::admin {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

constexpr std::string_view kPrefix = "/admin/records/";

Result<store::RecordFilter> record_filter(
    std::string kind, const std::map<std::string, std::string, std::less<>>& params) {
  if (auto p = only(params, {"state", "limit", "before"})) return *p;
  store::RecordFilter filter;
  filter.kind = std::move(kind);
  if (auto it = params.find("state"); it != params.end() && !it->second.empty()) {
    filter.state = it->second;
  }
  if (auto it = params.find("before"); it != params.end()) filter.before = it->second;
  if (auto p = read_limit(params, filter.limit)) return *p;
  return filter;
}

}  // namespace

RecordsApi::RecordsApi(std::shared_ptr<store::MessageStore> store,
                       boost::asio::any_io_executor blocking)
    : store_(std::move(store)), blocking_(std::move(blocking)) {}

boost::asio::awaitable<std::optional<http::Response>> RecordsApi::handle(
    const http::Request& req) const {
  const auto target = std::string_view(req.target());
  const auto q = target.find('?');
  const auto path = target.substr(0, q);
  if (!path.starts_with(kPrefix)) co_return std::nullopt;
  auto problem = [&](const Problem& p) {
    return http::problem_response(p, {}, req.version(), req.keep_alive());
  };
  if (req.method() != bhttp::verb::get) {
    co_return problem(Problem::make(ProblemKind::kMethodNotAllowed, "records are read with GET"));
  }
  auto params = parse_query(q == std::string_view::npos ? "" : target.substr(q + 1));
  if (!params) co_return problem(params.error());
  const std::string rest(path.substr(kPrefix.size()));
  const auto slash = rest.find('/');
  const std::string kind = rest.substr(0, slash);
  const std::string id = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (kind.empty() || id.find('/') != std::string::npos) {
    co_return problem(
        Problem::make(ProblemKind::kNotFound, "records are at /admin/records/{kind}[/{id}]"));
  }
  if (slash == std::string::npos) {
    auto filter = record_filter(kind, *params);
    if (!filter) co_return problem(filter.error());
    const auto list = [f = *filter](store::MessageStore& s) { return s.list_records(f); };
    auto listed = co_await read_store(store_, blocking_, list);
    if (!listed) co_return problem(listed.error());
    Json body = {{"records", Json::array()}};
    for (const auto& r : *listed) body["records"].push_back(record_json(r));
    if (static_cast<int>(listed->size()) == filter->limit && !listed->empty()) {
      body["next_before"] = listed->back().id;
    }
    co_return http::json_response(200, body, req.version(), req.keep_alive());
  }
  if (auto p = only(*params, {})) co_return problem(*p);
  const auto get_one = [kind, id](store::MessageStore& s) { return s.get_record(kind, id); };
  auto found = co_await read_store(store_, blocking_, get_one);
  if (!found) co_return problem(found.error());
  const auto history = [kind, id](store::MessageStore& s) { return s.record_events(kind, id); };
  auto events = co_await read_store(store_, blocking_, history);
  if (!events) co_return problem(events.error());
  auto body = record_json(*found);
  body["history"] = record_events_json(*events);
  co_return http::json_response(200, body, req.version(), req.keep_alive());
}

}  // namespace lienthong::admin
