#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/hub_snapshot.hpp"
#include "app/listener_tls.hpp"
#include "app/reload.hpp"
#include "core/admin/admin_handler.hpp"
#include "core/config/hub_config.hpp"
#include "core/http/client.hpp"
#include "core/http/server.hpp"
#include "core/pipeline/async/daily_actions.hpp"
#include "core/pipeline/async/delivery_loop.hpp"
#include "core/pipeline/async/retention_sweep.hpp"
#include "core/pipeline/evidence/journal.hpp"
#include "core/pipeline/evidence/stamper.hpp"
#include "core/pipeline/ingress/ingress.hpp"
#include "core/pipeline/worker_pool.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::app {

/// The hub's running parts wired together: egress client, routes, clients, the message store
/// with its delivery loop and retention sweep, the provincial listener and the admin listener.
/// `serve` and the integration tests both use it.
class Hub {
 public:
  /// Builds clients and routes (compiling every mapping and schema). Errors are located.
  static Result<std::unique_ptr<Hub>, config::ConfigErrors> create(boost::asio::io_context& ioc,
                                                                   config::HubConfig config);

  /// Binds the provincial and admin listeners, and the provincial TLS listener when
  /// `listen_tls` is enabled (configured ports; 0 picks a free one); starts delivering.
  Result<void> listen();
  [[nodiscard]] boost::asio::ip::tcp::endpoint ingress_endpoint() const { return ingress_ep_; }
  /// The TLS listener's address; nullopt when `listen_tls` is not enabled.
  [[nodiscard]] std::optional<boost::asio::ip::tcp::endpoint> ingress_tls_endpoint() const {
    return ingress_tls_ep_;
  }
  [[nodiscard]] boost::asio::ip::tcp::endpoint admin_endpoint() const { return admin_ep_; }
  /// The configuration the hub started with (its listeners, store and journal keep it).
  [[nodiscard]] const config::HubConfig& config() const { return config_; }
  /// The configuration in force now and all that is built from it; keep the pointer for as
  /// long as its parts are used (a reload swaps in another).
  [[nodiscard]] std::shared_ptr<const HubSnapshot> snapshot() const { return current_->load(); }
  /// The current routes (valid until the next reload; snapshot() to keep them).
  [[nodiscard]] const pipeline::RouteTable& routes() const { return *snapshot()->routes; }
  [[nodiscard]] const http::HttpClient& client() const { return *client_; }
  /// The egress client of `connector` in the current configuration: its own (egress TLS) or
  /// the shared one (valid until the next reload).
  [[nodiscard]] const http::HttpClient& client_for(std::string_view connector) const;

  /// Loads the whole configuration again from the file the hub started with, validates it
  /// completely (as check-config: every error located) and only then swaps it in: exchanges
  /// and attempts in flight finish on the configuration they started with, queued messages
  /// continue, listeners stay open. Refused, changing nothing: any error, a change a restart
  /// must apply (needs_restart), a connector removed while it has unfinished messages (unless
  /// `force`), another reload running. An applied reload is journalled as `actor`'s action
  /// with what changed and the checksum of the files. Runs its reading on the blocking pool.
  boost::asio::awaitable<ReloadResult> reload(std::string actor, bool force = false);

  /// The evidence journal (facts of exchanges, operators' actions).
  [[nodiscard]] const pipeline::Journal& journal() const { return *journal_; }

  /// The durable queue (opened from `config.store` at create).
  [[nodiscard]] store::MessageStore& store() const { return *store_; }

  /// Stops accepting, lets requests and delivery attempts in flight finish (up to the
  /// configured grace; an attempt still running then keeps its message, whose lease lapses).
  boost::asio::awaitable<void> shutdown();

  Hub(boost::asio::io_context& ioc, config::HubConfig config);

  /// The current snapshot, shared with the handlers and the delivery loop.
  using Current = std::atomic<std::shared_ptr<const HubSnapshot>>;

 private:
  [[nodiscard]] SnapshotParts snapshot_parts() const;
  /// The reload's checks and build, on the blocking pool; `result` says how it went.
  std::shared_ptr<const HubSnapshot> prepare_reload(bool force, ReloadResult& result) const;
  void restart_daily_actions(const std::shared_ptr<const HubSnapshot>& snapshot);
  boost::asio::awaitable<void> journal_reload(const std::string& actor,
                                              const ReloadResult& result) const;

  boost::asio::io_context& ioc_;
  config::HubConfig config_;
  std::unique_ptr<http::HttpClient> client_;
  std::shared_ptr<Current> current_ = std::make_shared<Current>();
  std::atomic<bool> reloading_{false};
  std::shared_ptr<const pipeline::RecordDesk> records_;
  std::shared_ptr<const pipeline::TimestampClient> timestamps_;
  std::shared_ptr<const pipeline::MessageDesk> desk_;
  std::unique_ptr<pipeline::WorkerPool> workers_;
  std::shared_ptr<store::MessageStore> store_;
  /// Blocking work off the I/O threads (store reads); declared after the store, so it is
  /// joined before the store closes.
  std::shared_ptr<boost::asio::thread_pool> blocking_;
  std::shared_ptr<pipeline::DeliveryLoop> delivery_;
  std::shared_ptr<pipeline::RetentionSweep> retention_;
  std::mutex daily_mutex_;  ///< daily_ is replaced by a reload
  std::shared_ptr<pipeline::DailyActions> daily_;
  std::shared_ptr<const pipeline::Journal> journal_;
  std::shared_ptr<pipeline::EvidenceStamper> stamper_;
  std::shared_ptr<std::atomic<bool>> ready_ = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<const admin::auth::AdminGate> admin_;  ///< the gate, the admin API behind it
  ListenerTls ingress_tls_;                              ///< empty unless listen_tls
  ListenerTls admin_tls_;                                ///< empty unless admin.tls
  std::unique_ptr<http::Server> ingress_server_;
  std::unique_ptr<http::Server> ingress_tls_server_;
  std::unique_ptr<http::Server> admin_server_;
  boost::asio::ip::tcp::endpoint ingress_ep_;
  std::optional<boost::asio::ip::tcp::endpoint> ingress_tls_ep_;
  boost::asio::ip::tcp::endpoint admin_ep_;
};

/// Server limits from config.
http::ServerLimits server_limits(const config::LimitsConfig& limits);

}  // namespace lienthong::app
