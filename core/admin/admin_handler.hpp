#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "core/admin/actions_api.hpp"
#include "core/admin/metrics_api.hpp"
#include "core/admin/queue_api.hpp"
#include "core/admin/records_api.hpp"
#include "core/http/types.hpp"

namespace lienthong::admin {

/// The operators' listener: `/healthz` (the process answers), `/readyz` (routes loaded and the
/// provincial listener accepting), `/admin/queue/...` (the durable queue), `/admin/records/...`
/// (state records: payments) and `/admin/connectors/{id}/actions/...` (connectors' operator
/// actions) and `/metrics` (Prometheus text format), each when given. More (console) joins
/// here.
class AdminHandler {
 public:
  explicit AdminHandler(std::shared_ptr<const std::atomic<bool>> ready,
                        std::shared_ptr<const QueueApi> queue = nullptr,
                        std::shared_ptr<const RecordsApi> records = nullptr,
                        std::shared_ptr<const ActionsApi> actions = nullptr,
                        std::shared_ptr<const MetricsApi> metrics = nullptr);
  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      http::Incoming& incoming) const;

 private:
  std::shared_ptr<const std::atomic<bool>> ready_;
  std::shared_ptr<const QueueApi> queue_;
  std::shared_ptr<const RecordsApi> records_;
  std::shared_ptr<const ActionsApi> actions_;
  std::shared_ptr<const MetricsApi> metrics_;
};

}  // namespace lienthong::admin
