#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>

#include "core/http/types.hpp"
#include "core/metrics/registry.hpp"
#include "core/pipeline/live_routes.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::admin {

/// `GET /metrics`: the Prometheus text format (0.0.4) of `registry` (the counters the hub's
/// parts keep and their collectors) and what this hub knows at scrape time — the queue's
/// depth by connector and state and its oldest unfinished message's age, payments by state
/// (store reads), each connector's circuit state. README.md lists the metrics. The scrape runs
/// on `blocking` (store reads and collectors block), never on the I/O thread.
class MetricsApi {
 public:
  MetricsApi(std::shared_ptr<store::MessageStore> store, boost::asio::any_io_executor blocking,
             pipeline::LiveRoutes routes, const metrics::Registry& registry = metrics::global());

  /// The answer for `/metrics`, nullopt for any other target.
  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      const http::Request& request) const;

  /// The whole scrape (blocking: reads the store).
  [[nodiscard]] std::string scrape() const;

 private:
  std::shared_ptr<store::MessageStore> store_;
  boost::asio::any_io_executor blocking_;
  pipeline::LiveRoutes routes_;
  const metrics::Registry& registry_;
};

}  // namespace lienthong::admin
