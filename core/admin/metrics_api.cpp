#include "core/admin/metrics_api.hpp"

#include <map>

#include "core/admin/store_reads.hpp"
#include "core/http/problem_response.hpp"
#include "core/http/tls_metrics.hpp"
#include "core/security/ocsp/ocsp_metrics.hpp"

namespace lienthong::admin {
namespace {

namespace bhttp = boost::beast::http;
using metrics::Exposition;
using metrics::Type;

constexpr std::string_view kQueue = "lienthong_queue_messages";
constexpr std::string_view kOldest = "lienthong_queue_oldest_age_seconds";
constexpr std::string_view kPayments = "lienthong_payments";
constexpr std::string_view kCircuit = "lienthong_circuit_state";
constexpr std::string_view kStoreUp = "lienthong_store_up";
constexpr store::MessageState kUnfinished[] = {
    store::MessageState::kQueued, store::MessageState::kInFlight, store::MessageState::kRetrying};

double circuit_value(delivery::CircuitState state) {
  switch (state) {
    case delivery::CircuitState::kClosed:
      return 0;
    case delivery::CircuitState::kOpen:
      return 1;
    case delivery::CircuitState::kHalfOpen:
      return 2;
  }
  return 0;
}

// Every configured connector shows in every state, also with nothing queued, so a series
// does not vanish when its queue drains.
bool write_queue(Exposition& out, store::MessageStore& db, const pipeline::RouteTable& routes) {
  auto counts = db.count_unfinished();
  if (!counts) return false;
  std::map<std::pair<std::string, store::MessageState>, std::int64_t> depth;
  std::map<std::string, std::optional<store::TimePoint>> oldest;
  for (const auto& [id, guard] : routes.guards()) {
    for (const auto state : kUnfinished) depth[{id, state}] = 0;
    oldest[id];
  }
  for (const auto& c : *counts) {
    depth[{c.connector, c.state}] += c.messages;
    auto& o = oldest[c.connector];
    if (!o || c.oldest_accepted_at < *o) o = c.oldest_accepted_at;
  }
  out.family(kQueue, Type::kGauge,
             "Unfinished messages in the durable queue, by connector and state (queued, "
             "in_flight, retrying).");
  for (const auto& [key, n] : depth) {
    out.sample(kQueue, {{"connector", key.first}, {"state", store::to_string(key.second)}},
               static_cast<double>(n));
  }
  out.family(kOldest, Type::kGauge,
             "Age of the oldest unfinished message of each connector (0 when none is waiting).");
  const auto now = store::Clock::now();
  for (const auto& [connector, at] : oldest) {
    const double age = at ? std::max(0.0, std::chrono::duration<double>(now - *at).count()) : 0.0;
    out.sample(kOldest, {{"connector", connector}}, age);
  }
  return true;
}

bool write_payments(Exposition& out, store::MessageStore& db) {
  auto counts = db.count_records("payment");
  if (!counts) return false;
  out.family(kPayments, Type::kGauge, "Payment records in the store, by state.");
  for (const auto& c : *counts) {
    out.sample(kPayments, {{"state", c.state}}, static_cast<double>(c.records));
  }
  return true;
}

void write_circuits(Exposition& out, const pipeline::RouteTable& routes) {
  out.family(kCircuit, Type::kGauge,
             "Each connector's circuit breaker: 0 closed, 1 open, 2 half-open (connectors with "
             "the circuit disabled are not shown).");
  for (const auto& [id, guard] : routes.guards()) {
    if (const auto* breaker = guard->breaker()) {
      out.sample(kCircuit, {{"connector", id}}, circuit_value(breaker->state()));
    }
  }
}

}  // namespace

MetricsApi::MetricsApi(std::shared_ptr<store::MessageStore> store,
                       boost::asio::any_io_executor blocking, pipeline::LiveRoutes routes,
                       const metrics::Registry& registry)
    : store_(std::move(store)),
      blocking_(std::move(blocking)),
      routes_(std::move(routes)),
      registry_(registry) {
  // Families made on first use show from the first scrape, with zeros.
  (void)http::client_tls_handshakes();
  (void)security::ocsp_cache_counters();
}

std::string MetricsApi::scrape() const {
  Exposition out;
  registry_.write(out);
  bool store_up = store_ != nullptr;
  const auto routes = routes_.now();
  if (store_) {
    store_up = write_queue(out, *store_, *routes) && store_up;
    store_up = write_payments(out, *store_) && store_up;
  }
  write_circuits(out, *routes);
  out.family(kStoreUp, Type::kGauge, "1 when this scrape's reads of the message store succeeded.");
  out.sample(kStoreUp, {}, store_up ? 1.0 : 0.0);
  return out.take();
}

boost::asio::awaitable<std::optional<http::Response>> MetricsApi::handle(
    const http::Request& req) const {
  const auto path = req.target().substr(0, req.target().find('?'));
  if (path != "/metrics") co_return std::nullopt;
  if (req.method() != bhttp::verb::get) {
    auto res = http::problem_response(
        Problem::make(ProblemKind::kMethodNotAllowed, "metrics are read with GET"), {},
        req.version(), req.keep_alive());
    res.set(bhttp::field::allow, "GET");
    co_return res;
  }
  const auto scrape = [this](store::MessageStore&) -> Result<std::string> {
    return this->scrape();
  };
  std::string text;
  if (store_) {
    auto scraped = co_await read_store(store_, blocking_, scrape);
    if (!scraped) {
      co_return http::problem_response(scraped.error(), {}, req.version(), req.keep_alive());
    }
    text = std::move(scraped).value();
  } else {
    text = this->scrape();
  }
  co_return http::bytes_response(200, metrics::kContentType, std::move(text), req.version(),
                                 req.keep_alive());
}

}  // namespace lienthong::admin
