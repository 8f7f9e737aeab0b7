#pragma once

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/http/types.hpp"
#include "core/metrics/family.hpp"
#include "core/pipeline/route_table.hpp"

namespace lienthong::pipeline {

class Ingress;

/// Every request of the provincial listeners (both doors: `/v1/...`, sync and async accept,
/// and `/inbound/...`) counted by door, connector, operation and status class in
/// `lienthong_ingress_requests_total`, and timed (arrival to the answer built) in
/// `lienthong_ingress_request_duration_seconds`. The series of each route are looked up once,
/// here; a request finds its route's by two map lookups on the names in its path. Labels are
/// only names the route table knows: a path naming no route counts as connector `none`
/// (operation `none`, `message-status` or `document`).
class IngressMetrics {
 public:
  explicit IngressMetrics(const RouteTable& routes);

  /// The series of one route (or of the paths naming none).
  struct Series {
    std::array<metrics::Counter*, 6> by_class{};  ///< by status / 100; 2xx, 4xx, 5xx made ahead
    metrics::Histogram* duration = nullptr;
    std::string_view door, connector, operation;  ///< into the maps' keys or literals
  };
  /// The series a request to `target` counts in (found before the request is handled, so its
  /// target need not be kept).
  [[nodiscard]] const Series& find(std::string_view target) const;
  /// Counts one answered request.
  void record(const Series& series, unsigned status,
              std::chrono::steady_clock::duration took) const;

 private:
  using Operations = std::map<std::string, Series, std::less<>>;
  using Connectors = std::map<std::string, Operations, std::less<>>;

  Series make(std::string_view door, std::string_view connector, std::string_view operation) const;

  metrics::CounterFamily& requests_;
  metrics::HistogramFamily& durations_;
  Connectors provincial_;
  Connectors inbound_;
  Series unknown_provincial_, unknown_inbound_, message_status_, document_;
};

/// `ingress`'s answer to one request, counted by `metrics`; the caller keeps both alive until
/// it completes (the hub: the configuration snapshot the request started on).
boost::asio::awaitable<std::optional<http::Response>> answer_metered(const Ingress& ingress,
                                                                     const IngressMetrics& metrics,
                                                                     http::Incoming& in);

/// The provincial listeners' handler: `ingress` with every answer counted by `metrics`.
http::Handler metered_handler(std::shared_ptr<const Ingress> ingress,
                              std::shared_ptr<const IngressMetrics> metrics);

}  // namespace lienthong::pipeline
