#include "core/pipeline/ingress/ingress_metrics.hpp"

#include "core/metrics/registry.hpp"
#include "core/pipeline/inbound/inbound_routes.hpp"
#include "core/pipeline/ingress/ingress.hpp"
#include "core/pipeline/ingress/request_parts.hpp"

namespace lienthong::pipeline {
namespace {

constexpr std::string_view kProvincial = "provincial";
constexpr std::string_view kInbound = "inbound";
constexpr std::string_view kNone = "none";
constexpr std::array<std::string_view, 6> kClasses{"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"};

}  // namespace

IngressMetrics::IngressMetrics(const RouteTable& routes)
    : requests_(metrics::global().counter(
          "lienthong_ingress_requests_total",
          "Requests answered at the provincial listeners, by door (provincial: /v1/..., "
          "inbound: /inbound/... callbacks), connector, operation and status class.",
          {"door", "connector", "operation", "class"})),
      durations_(metrics::global().histogram(
          "lienthong_ingress_request_duration_seconds",
          "Time from a request's arrival to its answer, by door, connector and operation.",
          {"door", "connector", "operation"})) {
  for (const auto& [key, route] : routes.routes()) {
    const auto& name = route.operation.name;
    const bool inbound = is_inbound_operation(name);
    auto& connectors = inbound ? inbound_ : provincial_;
    // An inbound route is stored as "inbound/<op>"; its path says <op>.
    const std::string op = inbound ? name.substr(name.find('/') + 1) : name;
    auto& ops = connectors[route.connector];
    const auto [it, added] = ops.emplace(op, Series{});
    if (added) {
      it->second = make(inbound ? kInbound : kProvincial, connectors.find(route.connector)->first,
                        it->first);
    }
  }
  unknown_provincial_ = make(kProvincial, kNone, kNone);
  unknown_inbound_ = make(kInbound, kNone, kNone);
  message_status_ = make(kProvincial, kNone, "message-status");
  document_ = make(kProvincial, kNone, "document");
}

IngressMetrics::Series IngressMetrics::make(std::string_view door, std::string_view connector,
                                            std::string_view operation) const {
  Series s;
  s.door = door;
  s.connector = connector;
  s.operation = operation;
  for (const std::size_t c : {2, 4, 5}) {
    s.by_class[c] = &requests_.with({door, connector, operation, kClasses[c]});
  }
  s.duration = &durations_.with({door, connector, operation});
  return s;
}

const IngressMetrics::Series& IngressMetrics::find(std::string_view target) const {
  const bool inbound = target.starts_with("/inbound/");
  const auto names = split_route(target, inbound ? "/inbound/" : "/v1/");
  const auto& connectors = inbound ? inbound_ : provincial_;
  if (names) {
    const auto c = connectors.find(names->first);
    if (c != connectors.end()) {
      const auto op = c->second.find(names->second);
      if (op != c->second.end()) return op->second;
    }
  }
  if (inbound) return unknown_inbound_;
  if (target.starts_with("/v1/messages/")) return message_status_;
  if (target.starts_with("/v1/documents/")) return document_;
  return unknown_provincial_;
}

void IngressMetrics::record(const Series& s, unsigned status,
                            std::chrono::steady_clock::duration took) const {
  const std::size_t c = status / 100 < kClasses.size() ? status / 100 : 0;
  if (s.by_class[c] != nullptr) {
    s.by_class[c]->inc();
  } else {
    requests_.with({s.door, s.connector, s.operation, kClasses[c]}).inc();
  }
  s.duration->observe(std::chrono::duration<double>(took).count());
}

boost::asio::awaitable<std::optional<http::Response>> answer_metered(const Ingress& ingress,
                                                                     const IngressMetrics& metrics,
                                                                     http::Incoming& in) {
  const auto started = std::chrono::steady_clock::now();
  const auto& series = metrics.find(in.request.target());
  auto answer = co_await ingress.handle(in);
  if (answer) {
    metrics.record(series, answer->result_int(), std::chrono::steady_clock::now() - started);
  }
  co_return answer;
}

namespace {

// The shared pointers are the coroutine's own (by value): they outlive the answer.
boost::asio::awaitable<std::optional<http::Response>> metered(
    std::shared_ptr<const Ingress> ingress, std::shared_ptr<const IngressMetrics> metrics,
    http::Incoming& in) {
  co_return co_await answer_metered(*ingress, *metrics, in);
}

}  // namespace

http::Handler metered_handler(std::shared_ptr<const Ingress> ingress,
                              std::shared_ptr<const IngressMetrics> metrics) {
  return [ingress = std::move(ingress), metrics = std::move(metrics)](http::Incoming& in) {
    return metered(ingress, metrics, in);
  };
}

}  // namespace lienthong::pipeline
