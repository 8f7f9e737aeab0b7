#include "app/hub.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "app/check_certificates.hpp"
#include "app/dev_keys.hpp"
#include "app/listener_tls.hpp"
#include "connectors/registry.hpp"
#include "core/admin/auth/local_token.hpp"
#include "core/base/uuid.hpp"
#include "core/http/client_tls.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/record_desk.hpp"
#include "core/pipeline/ingress/ingress_metrics.hpp"
#include "core/pipeline/live_routes.hpp"
#include "core/pipeline/stages/timestamp_client.hpp"

namespace lienthong::app {

namespace asio = boost::asio;

http::ServerLimits server_limits(const config::LimitsConfig& limits) {
  http::ServerLimits out;
  out.header_limit = limits.header_limit_bytes;
  out.body_limit = limits.body_limit_bytes;
  out.read_timeout = std::chrono::milliseconds(limits.read_timeout_ms);
  out.idle_timeout = std::chrono::milliseconds(limits.idle_timeout_ms);
  out.max_connections = limits.max_connections;
  return out;
}

namespace {

// RSA work of the sign and verify stages; the I/O threads stay free.
constexpr std::size_t kWorkerThreads = 2;

void log_egress(std::string_view connector, const http::HttpClient& client) {
  log::info("egress.stats", {{"connector", std::string(connector)},
                             {"connections_opened", std::to_string(client.connections_opened())},
                             {"tls_handshakes", std::to_string(client.tls_handshakes())},
                             {"tls_resumed", std::to_string(client.tls_sessions_resumed())}});
}

// The console's files are read once here; a hub without them still serves the admin API.
admin::ConsoleParts console_parts(const config::HubConfig& config,
                                  const boost::asio::any_io_executor& blocking) {
  auto files = std::make_shared<const admin::ConsoleFiles>(
      admin::ConsoleFiles::load(config.admin.console_dir));
  if (!files->problem().empty()) log::warn("console.files", {{"problem", files->problem()}});
  return {std::move(files), std::make_shared<const admin::CertificatesApi>(config, blocking),
          std::make_shared<const admin::ConfigApi>(config)};
}

// The current snapshot's routes, the snapshot kept alive with them (the routes point at its
// own egress clients).
pipeline::LiveRoutes::Source current_routes(std::shared_ptr<Hub::Current> current) {
  return [current = std::move(current)] {
    auto snapshot = current->load();
    const auto* routes = snapshot->routes.get();
    return std::shared_ptr<const pipeline::RouteTable>(std::move(snapshot), routes);
  };
}

// One provincial request on `snapshot`, which the coroutine owns until the answer is built.
asio::awaitable<std::optional<http::Response>> answer_on(
    std::shared_ptr<const HubSnapshot> snapshot, http::Incoming& in) {
  co_return co_await pipeline::answer_metered(*snapshot->ingress, *snapshot->metrics, in);
}

std::shared_ptr<pipeline::DailyActions> daily_actions(
    const asio::any_io_executor& executor, const std::shared_ptr<const HubSnapshot>& snapshot,
    std::shared_ptr<const pipeline::Journal> journal) {
  std::vector<pipeline::DailyActions::Job> jobs;
  for (const auto& [id, connector] : snapshot->routes->connectors()) {
    // Aliasing: the job keeps the snapshot its connector was built in.
    std::shared_ptr<const pipeline::Connector> target(snapshot, connector.get());
    for (auto& action : connector->daily_actions()) jobs.push_back({id, target, action});
  }
  return std::make_shared<pipeline::DailyActions>(executor, std::move(jobs), std::move(journal));
}

// A reload's result as the admin API answers it (the console reads `changed` and `checksum`).
asio::awaitable<admin::ReloadApi::Outcome> reload_outcome(Hub* hub, std::string actor, bool force) {
  auto result = co_await hub->reload(std::move(actor), force);
  admin::ReloadApi::Outcome out;
  out.applied = result.applied;
  if (result.applied) {
    out.answer = result.json();
    std::vector<std::string> changed;
    for (const auto& id : result.changes.added) changed.push_back(id + " (added)");
    for (const auto& id : result.changes.removed) changed.push_back(id + " (removed)");
    for (const auto& id : result.changes.changed) changed.push_back(id);
    if (changed.empty() && !result.changes.files.empty()) changed.emplace_back("hub.json");
    out.answer["changed"] = changed;
  }
  for (const auto& e : result.errors) {
    std::string where = e.file + ":" + std::to_string(e.line);
    if (!e.key_path.empty()) where += ": " + e.key_path;
    out.errors.push_back({where, e.reason});
  }
  co_return out;
}

pipeline::RetentionSweepOptions retention_options(const config::StoreConfig& store) {
  pipeline::RetentionSweepOptions options;
  options.retention = std::chrono::hours(24) * store.retention_days;
  return options;  // first sweep a minute after start, then hourly
}

}  // namespace

Hub::Hub(boost::asio::io_context& ioc, config::HubConfig config)
    : ioc_(ioc), config_(std::move(config)) {}

Result<std::unique_ptr<Hub>, config::ConfigErrors> Hub::create(boost::asio::io_context& ioc,
                                                               config::HubConfig config) {
  auto hub = std::make_unique<Hub>(ioc, std::move(config));
  hub->client_ = std::make_unique<http::HttpClient>(ioc.get_executor(), http::ClientOptions{});
  hub->workers_ = std::make_unique<pipeline::WorkerPool>(kWorkerThreads);
  config::ConfigErrors errors;
  // The store first: connectors that keep records (paygov) get it through their context.
  auto store = store::open_hub_store(hub->config_);
  hub->blocking_ = std::make_shared<asio::thread_pool>(2);
  if (store) {
    hub->store_ = std::move(store).value();
    hub->records_ = std::make_shared<const pipeline::RecordDesk>(hub->store_, hub->blocking_,
                                                                 [self = hub.get()] {
                                                                   if (self->delivery_)
                                                                     self->delivery_->notify();
                                                                 });
  } else {
    errors.push_back({hub->config_.file.string(), 0, "store",
                      "cannot open the message store: " + store.error().detail});
  }
  if (!hub->config_.time_stamp_authority.url.empty()) {
    auto tsa = pipeline::TimestampClient::load(hub->config_.time_stamp_authority, hub->config_.file,
                                               *hub->client_);
    if (tsa) {
      hub->timestamps_ = std::move(tsa).value();
    } else {
      errors.insert(errors.end(), tsa.error().begin(), tsa.error().end());
    }
  }
  // The TLS listeners' contexts and checks of client certificates.
  for (auto [tls, key, out] :
       {std::tuple{&hub->config_.listen_tls, "listen_tls", &hub->ingress_tls_},
        std::tuple{&hub->config_.admin.tls, "admin.tls", &hub->admin_tls_}}) {
    if (!tls->enabled) continue;
    auto made = listener_tls(*tls, key, hub->config_.file, *hub->client_);
    if (made) {
      *out = std::move(made).value();
    } else {
      errors.insert(errors.end(), made.error().begin(), made.error().end());
    }
  }
  auto journal = pipeline::Journal::load(hub->config_, hub->store_);
  if (!journal) errors.insert(errors.end(), journal.error().begin(), journal.error().end());
  auto accounts = admin::auth::OperatorAccounts::load(hub->config_.admin.operators_file);
  if (!accounts) errors.insert(errors.end(), accounts.error().begin(), accounts.error().end());
  const auto token_file = hub->config_.var_dir / std::string(admin::auth::kLocalTokenFile);
  auto local_token = admin::auth::ensure_local_token(token_file);
  if (!local_token) {
    errors.push_back({hub->config_.file.string(), 0, "var_dir", local_token.error().detail});
  }
  if (!errors.empty()) return errors;
  hub->journal_ = std::move(journal).value();
  pipeline::DeliveryLoopOptions delivery;
  delivery.node_id = "hub-" + uuid_v7();
  delivery.lease = std::chrono::milliseconds(hub->config_.store.lease_ms);
  delivery.concurrency = hub->config_.delivery.concurrency;
  delivery.journal = hub->journal_;
  const pipeline::LiveRoutes live(current_routes(hub->current_));
  hub->delivery_ =
      std::make_shared<pipeline::DeliveryLoop>(ioc.get_executor(), live, hub->store_, delivery);
  hub->desk_ = std::make_shared<const pipeline::MessageDesk>(
      hub->store_, hub->blocking_, [loop = std::weak_ptr(hub->delivery_)] {
        if (auto l = loop.lock()) l->notify();
      });
  auto snapshot = HubSnapshot::build(hub->config_, hub->snapshot_parts());
  if (!snapshot) return std::move(snapshot).error();
  hub->current_->store(*snapshot);
  if (accounts->accounts.empty()) {
    log::warn("admin.no_operators",
              {{"file", hub->config_.admin.operators_file.string()},
               {"detail",
                "nobody can sign in to the console until `lienthong admin passwd NAME` "
                "adds an operator; the local CLI works"}});
  }
  hub->stamper_ = std::make_shared<pipeline::EvidenceStamper>(
      ioc.get_executor(), hub->journal_->on() ? hub->store_ : nullptr, hub->blocking_,
      hub->timestamps_, hub->config_.evidence);
  hub->retention_ = std::make_shared<pipeline::RetentionSweep>(
      ioc.get_executor(), hub->store_, retention_options(hub->config_.store));
  auto parts = console_parts(hub->config_, hub->blocking_->get_executor());
  parts.reload =
      std::make_shared<const admin::ReloadApi>([self = hub.get()](std::string actor, bool force) {
        return reload_outcome(self, std::move(actor), force);
      });
  auto admin = std::make_shared<const admin::AdminHandler>(
      hub->ready_,
      std::make_shared<const admin::QueueApi>(hub->store_, hub->blocking_->get_executor()),
      std::make_shared<const admin::RecordsApi>(hub->store_, hub->blocking_->get_executor()),
      std::make_shared<const admin::ActionsApi>(live, hub->journal_),
      std::make_shared<const admin::MetricsApi>(hub->store_, hub->blocking_->get_executor(), live),
      std::move(parts));
  hub->admin_ = std::make_shared<const admin::auth::AdminGate>(
      std::make_shared<const admin::auth::OperatorAccounts>(std::move(accounts).value()),
      std::make_shared<admin::auth::SessionTable>(), std::make_shared<admin::auth::LoginThrottle>(),
      hub->blocking_->get_executor(),
      [admin](http::Incoming& in, const admin::auth::Principal& who) {
        return admin->handle(in, who);
      },
      std::move(local_token).value());
  hub->daily_ = daily_actions(ioc.get_executor(), *snapshot, hub->journal_);
  return hub;
}

Result<void> Hub::listen() {
  auto limits = server_limits(config_.limits);
  // Each request takes the snapshot in force when it arrives and keeps it to its answer.
  const http::Handler metered = [current = current_](http::Incoming& in) {
    return answer_on(current->load(), in);
  };
  ingress_server_ = std::make_unique<http::Server>(ioc_, "provincial", limits, metered);
  ingress_server_->hand_oversized_to_handler();
  const auto body_limit = [current = current_, otherwise = limits.body_limit](std::string_view t) {
    return current->load()->ingress->body_limit(t, otherwise);
  };
  ingress_server_->set_body_limit(body_limit);
  admin_server_ = std::make_unique<http::Server>(
      ioc_, admin_tls_.context ? "admin-tls" : "admin", limits,
      [admin = admin_](http::Incoming& in) { return admin->handle(in); }, admin_tls_.context);
  if (admin_tls_.peer_check) admin_server_->set_peer_check(admin_tls_.peer_check);
  auto ingress = ingress_server_->listen(config_.listen.host, config_.listen.port);
  if (!ingress) return std::move(ingress).error();
  ingress_ep_ = *ingress;
  if (ingress_tls_.context) {
    ingress_tls_server_ = std::make_unique<http::Server>(ioc_, "provincial-tls", limits, metered,
                                                         ingress_tls_.context);
    if (ingress_tls_.peer_check) ingress_tls_server_->set_peer_check(ingress_tls_.peer_check);
    ingress_tls_server_->hand_oversized_to_handler();
    ingress_tls_server_->set_body_limit(body_limit);
    auto bound = ingress_tls_server_->listen(config_.listen_tls.host, config_.listen_tls.port);
    if (!bound) return std::move(bound).error();
    ingress_tls_ep_ = *bound;
  }
  auto admin = admin_server_->listen(config_.admin.host, config_.admin.port);
  if (!admin) return std::move(admin).error();
  admin_ep_ = *admin;
  if (config_.delivery.concurrency > 0) delivery_->start();
  retention_->start();
  {
    const std::scoped_lock lock(daily_mutex_);
    daily_->start();
  }
  stamper_->start();
  ready_->store(true);
  return {};
}

boost::asio::awaitable<void> Hub::shutdown() {
  ready_->store(false);
  auto grace = std::chrono::milliseconds(config_.limits.shutdown_grace_ms);
  if (ingress_server_) co_await ingress_server_->shutdown(grace);
  if (ingress_tls_server_) co_await ingress_tls_server_->shutdown(grace);
  if (delivery_) co_await delivery_->stop(grace);
  if (retention_) retention_->stop();
  {
    const std::scoped_lock lock(daily_mutex_);
    if (daily_) daily_->stop();
  }
  if (stamper_) stamper_->stop();
  if (admin_server_) co_await admin_server_->shutdown(std::chrono::milliseconds(100));
  for (const auto& [id, own] : snapshot()->own_clients) log_egress(id, *own);
}

const http::HttpClient& Hub::client_for(std::string_view connector) const {
  const auto snapshot = this->snapshot();
  const auto it = snapshot->own_clients.find(connector);
  return it == snapshot->own_clients.end() ? *client_ : *it->second;
}

SnapshotParts Hub::snapshot_parts() const {
  return {ioc_.get_executor(), client_.get(), workers_.get(), records_,
          timestamps_,         desk_,         journal_};
}

std::shared_ptr<const HubSnapshot> Hub::prepare_reload(bool force, ReloadResult& result) const {
  const auto before = snapshot();
  config::ConfigErrors& errors = result.errors;
  // As check-config reads it: whatever can be read, every problem reported in one go.
  auto config = config::read_hub_config(config_.file, errors);
  if (!errors.empty()) return nullptr;
  auto restart = needs_restart(config_, config);
  errors.insert(errors.end(), restart.begin(), restart.end());
  if (auto keys = ensure_dev_keys(config); !keys) {
    errors.push_back({config.file.string(), 0, "clients", keys.error()});
  }
  auto certificates = check_certificates(config);
  errors.insert(errors.end(), certificates.begin(), certificates.end());
  if (!errors.empty()) return nullptr;
  auto built = HubSnapshot::build(std::move(config), snapshot_parts());
  if (!built) {
    errors = std::move(built).error();
    return nullptr;
  }
  result.changes = changes_between(*before, **built);
  result.checksum = (*built)->files.checksum;
  result.files = (*built)->files.sha256.size();
  if (!result.changes.removed.empty() && !force && store_) {
    // Messages of a removed connector would find no route: they would go dead.
    auto counts = store_->count_unfinished();
    if (!counts) {
      errors.push_back(
          {config_.file.string(), 0, "connectors",
           "cannot count the queued messages of the removed connectors: " + counts.error().detail});
    } else {
      std::map<std::string, std::int64_t> waiting;
      for (const auto& c : *counts) waiting[c.connector] += c.messages;
      for (const auto& id : result.changes.removed) {
        const auto it = waiting.find(id);
        if (it == waiting.end() || it->second == 0) continue;
        const auto* c = [&]() -> const config::ConnectorConfig* {
          for (const auto& old : before->config.connectors) {
            if (old.id == id) return &old;
          }
          return nullptr;
        }();
        errors.push_back({c != nullptr ? c->file.string() : config_.file.string(), 0, "id",
                          "connector " + id + " is removed but still has " +
                              std::to_string(it->second) +
                              " queued messages: let them finish, or force the reload "
                              "(they then have no route and go dead)"});
      }
    }
  }
  if (!errors.empty()) return nullptr;
  return std::move(built).value();
}

void Hub::restart_daily_actions(const std::shared_ptr<const HubSnapshot>& snapshot) {
  auto next = daily_actions(ioc_.get_executor(), snapshot, journal_);
  const std::scoped_lock lock(daily_mutex_);
  if (daily_) daily_->stop();
  daily_ = std::move(next);
  if (ready_->load()) daily_->start();
}

asio::awaitable<void> Hub::journal_reload(const std::string& actor,
                                          const ReloadResult& result) const {
  if (!journal_ || !journal_->on()) co_return;
  evidence::Facts f;
  f.id = uuid_v7();
  f.kind = "action";
  f.actor = actor;
  f.connector = "hub";
  f.operation = "reload";
  f.request_sha256 = result.checksum;  // of the configuration's files
  f.outcome = "applied";
  f.detail = result.summary();
  auto appended = co_await journal_->append(std::move(f));
  if (!appended) {
    log::error("evidence.append_failed",
               {{"action", "hub/reload"}, {"problem", appended.error().detail}});
  }
}

asio::awaitable<ReloadResult> Hub::reload(std::string actor, bool force) {
  ReloadResult result;
  if (reloading_.exchange(true)) {
    result.errors.push_back({config_.file.string(), 0, "",
                             "another reload is running; ask again when it has finished"});
    co_return result;  // still on the caller's executor
  }
  // Reading files, compiling mappings and counting the queue block: off the I/O threads; the
  // answer comes back on the caller's executor (a connection's strand).
  const auto home = co_await asio::this_coro::executor;
  co_await asio::post(blocking_->get_executor(), asio::use_awaitable);
  auto next = prepare_reload(force, result);
  if (next) {
    current_->store(next);
    restart_daily_actions(next);
    result.applied = true;
  }
  reloading_.store(false);
  if (result.applied) {
    log::info("reload.applied",
              {{"actor", actor}, {"summary", result.summary()}, {"checksum", result.checksum}});
    co_await journal_reload(actor, result);
    if (delivery_) delivery_->notify();  // a new connector's or route's messages may be due
  } else {
    std::string reasons;
    for (const auto& e : result.errors) reasons += (reasons.empty() ? "" : "; ") + e.to_string();
    log::warn("reload.refused", {{"actor", actor}, {"problems", reasons}});
  }
  co_await asio::post(home, asio::use_awaitable);
  co_return result;
}

}  // namespace lienthong::app
