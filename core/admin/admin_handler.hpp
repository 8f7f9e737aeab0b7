#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "core/admin/actions_api.hpp"
#include "core/admin/auth/admin_gate.hpp"
#include "core/admin/certificates_api.hpp"
#include "core/admin/config_api.hpp"
#include "core/admin/console_files.hpp"
#include "core/admin/metrics_api.hpp"
#include "core/admin/queue_api.hpp"
#include "core/admin/records_api.hpp"
#include "core/admin/reload_api.hpp"
#include "core/http/types.hpp"

namespace lienthong::admin {

/// The console in the browser and what only it reads: its files (`/`, `/console/...`), the
/// certificates (`/admin/certificates`), the running configuration (`/admin/config`) and its
/// reload (`POST /admin/reload`, also what `lienthong reload` calls).
struct ConsoleParts {
  std::shared_ptr<const ConsoleFiles> files;
  std::shared_ptr<const CertificatesApi> certificates;
  std::shared_ptr<const ConfigApi> config;
  std::shared_ptr<const ReloadApi> reload;
};

/// The operators' listener: `/healthz` (the process answers), `/readyz` (routes loaded and the
/// provincial listener accepting), `/admin/queue/...` (the durable queue), `/admin/records/...`
/// (state records: payments) and `/admin/connectors/{id}/actions/...` (connectors' operator
/// actions), `/metrics` (Prometheus text format) and the console's parts, each when given.
class AdminHandler {
 public:
  explicit AdminHandler(std::shared_ptr<const std::atomic<bool>> ready,
                        std::shared_ptr<const QueueApi> queue = nullptr,
                        std::shared_ptr<const RecordsApi> records = nullptr,
                        std::shared_ptr<const ActionsApi> actions = nullptr,
                        std::shared_ptr<const MetricsApi> metrics = nullptr,
                        ConsoleParts console = {});
  /// Behind the gate (auth::AdminGate): `who` did it, for the journal and the logs.
  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      http::Incoming& incoming, const auth::Principal& who) const;

 private:
  std::shared_ptr<const std::atomic<bool>> ready_;
  std::shared_ptr<const QueueApi> queue_;
  std::shared_ptr<const RecordsApi> records_;
  std::shared_ptr<const ActionsApi> actions_;
  std::shared_ptr<const MetricsApi> metrics_;
  ConsoleParts console_;
};

}  // namespace lienthong::admin
