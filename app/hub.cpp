#include "app/hub.hpp"

#include "app/listener_tls.hpp"
#include "connectors/registry.hpp"
#include "core/admin/auth/local_token.hpp"
#include "core/base/uuid.hpp"
#include "core/http/client_tls.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/record_desk.hpp"
#include "core/pipeline/ingress/ingress_metrics.hpp"
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

http::ClientTlsFiles tls_files(const config::EgressTlsConfig& tls) {
  return {tls.ca, tls.client_certificate, tls.client_key, tls.pkcs12, tls.pkcs12_password};
}

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
  pipeline::ConnectorContext context{hub->client_.get(), {}};
  for (const auto& c : hub->config_.connectors) {
    if (!c.tls) continue;
    auto tls = http::make_client_tls(tls_files(*c.tls));
    if (!tls) {
      errors.push_back({c.file.string(), 0, "tls", tls.error()});
      continue;
    }
    http::ClientOptions options;
    options.tls = std::move(tls).value();
    auto& own = hub->own_clients_[c.id];
    own = std::make_unique<http::HttpClient>(ioc.get_executor(), std::move(options));
    context.own_clients.emplace(c.id, own.get());
  }
  // The store first: connectors that keep records (paygov) get it through their context.
  auto store = store::open_hub_store(hub->config_);
  hub->blocking_ = std::make_shared<asio::thread_pool>(2);
  if (store) {
    hub->store_ = std::move(store).value();
    context.records = std::make_shared<const pipeline::RecordDesk>(hub->store_, hub->blocking_,
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
      context.timestamps = std::move(tsa).value();
    } else {
      errors.insert(errors.end(), tsa.error().begin(), tsa.error().end());
    }
  }
  const pipeline::StageServices services{hub->workers_.get(), hub->client_.get(),
                                         ioc.get_executor()};
  auto routes =
      pipeline::RouteTable::build(hub->config_, connectors::connector_types(), context, services);
  auto clients = pipeline::ClientRegistry::build(hub->config_.clients, hub->config_.file);
  if (!routes) errors.insert(errors.end(), routes.error().begin(), routes.error().end());
  if (!clients) errors.insert(errors.end(), clients.error().begin(), clients.error().end());
  if (const auto& tls = hub->config_.listen_tls; tls.enabled) {
    auto tls_context = listener_tls_context(tls, "listen_tls", hub->config_.file);
    auto check = client_ocsp_check(tls, "listen_tls", hub->config_.file, *hub->client_);
    if (tls_context) {
      hub->ingress_tls_ = std::move(tls_context).value();
    } else {
      errors.insert(errors.end(), tls_context.error().begin(), tls_context.error().end());
    }
    if (check) {
      hub->ingress_peer_check_ = std::move(check).value();
    } else {
      errors.insert(errors.end(), check.error().begin(), check.error().end());
    }
  }
  if (const auto& tls = hub->config_.admin.tls; tls.enabled) {
    auto tls_context = listener_tls_context(tls, "admin.tls", hub->config_.file);
    auto check = client_ocsp_check(tls, "admin.tls", hub->config_.file, *hub->client_);
    if (tls_context) {
      hub->admin_tls_ = std::move(tls_context).value();
    } else {
      errors.insert(errors.end(), tls_context.error().begin(), tls_context.error().end());
    }
    if (check) {
      hub->admin_peer_check_ = std::move(check).value();
    } else {
      errors.insert(errors.end(), check.error().begin(), check.error().end());
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
  if (accounts->accounts.empty()) {
    log::warn("admin.no_operators", {{"file", hub->config_.admin.operators_file.string()},
                                     {"detail",
                                      "nobody can sign in to the console until `lienthong admin "
                                      "passwd NAME` adds an operator; the local CLI works"}});
  }
  hub->journal_ = std::move(journal).value();
  hub->stamper_ = std::make_shared<pipeline::EvidenceStamper>(
      ioc.get_executor(), hub->journal_->on() ? hub->store_ : nullptr, hub->blocking_,
      context.timestamps, hub->config_.evidence);
  hub->routes_ = std::make_shared<const pipeline::RouteTable>(std::move(routes).value());
  pipeline::DeliveryLoopOptions delivery;
  delivery.node_id = "hub-" + uuid_v7();
  delivery.lease = std::chrono::milliseconds(hub->config_.store.lease_ms);
  delivery.concurrency = hub->config_.delivery.concurrency;
  delivery.journal = hub->journal_;
  hub->delivery_ = std::make_shared<pipeline::DeliveryLoop>(ioc.get_executor(), hub->routes_,
                                                            hub->store_, hub->config_, delivery);
  hub->retention_ = std::make_shared<pipeline::RetentionSweep>(
      ioc.get_executor(), hub->store_, retention_options(hub->config_.store));
  auto desk = std::make_shared<const pipeline::MessageDesk>(hub->store_, hub->blocking_,
                                                            [loop = std::weak_ptr(hub->delivery_)] {
                                                              if (auto l = loop.lock()) l->notify();
                                                            });
  hub->ingress_ = std::make_shared<const pipeline::Ingress>(
      hub->routes_, std::make_shared<const pipeline::ClientRegistry>(std::move(clients).value()),
      std::move(desk), context.records, hub->journal_);
  auto admin = std::make_shared<const admin::AdminHandler>(
      hub->ready_,
      std::make_shared<const admin::QueueApi>(hub->store_, hub->blocking_->get_executor()),
      std::make_shared<const admin::RecordsApi>(hub->store_, hub->blocking_->get_executor()),
      std::make_shared<const admin::ActionsApi>(hub->routes_, hub->journal_),
      std::make_shared<const admin::MetricsApi>(hub->store_, hub->blocking_->get_executor(),
                                                hub->routes_),
      console_parts(hub->config_, hub->blocking_->get_executor()));
  hub->admin_ = std::make_shared<const admin::auth::AdminGate>(
      std::make_shared<const admin::auth::OperatorAccounts>(std::move(accounts).value()),
      std::make_shared<admin::auth::SessionTable>(), std::make_shared<admin::auth::LoginThrottle>(),
      hub->blocking_->get_executor(),
      [admin](http::Incoming& in, const admin::auth::Principal& who) {
        return admin->handle(in, who);
      },
      std::move(local_token).value());
  std::vector<pipeline::DailyActions::Job> jobs;
  for (const auto& [id, connector] : hub->routes_->connectors()) {
    for (auto& action : connector->daily_actions()) jobs.push_back({id, connector, action});
  }
  hub->daily_ =
      std::make_shared<pipeline::DailyActions>(ioc.get_executor(), std::move(jobs), hub->journal_);
  return hub;
}

Result<void> Hub::listen() {
  auto limits = server_limits(config_.limits);
  const auto metered = pipeline::metered_handler(
      ingress_, std::make_shared<const pipeline::IngressMetrics>(*routes_));
  ingress_server_ = std::make_unique<http::Server>(ioc_, "provincial", limits, metered);
  ingress_server_->hand_oversized_to_handler();
  const auto body_limit = [ingress = ingress_, otherwise = limits.body_limit](std::string_view t) {
    return ingress->body_limit(t, otherwise);
  };
  ingress_server_->set_body_limit(body_limit);
  admin_server_ = std::make_unique<http::Server>(
      ioc_, admin_tls_ ? "admin-tls" : "admin", limits,
      [admin = admin_](http::Incoming& in) { return admin->handle(in); }, admin_tls_);
  if (admin_peer_check_) admin_server_->set_peer_check(admin_peer_check_);
  auto ingress = ingress_server_->listen(config_.listen.host, config_.listen.port);
  if (!ingress) return std::move(ingress).error();
  ingress_ep_ = *ingress;
  if (ingress_tls_) {
    ingress_tls_server_ =
        std::make_unique<http::Server>(ioc_, "provincial-tls", limits, metered, ingress_tls_);
    if (ingress_peer_check_) ingress_tls_server_->set_peer_check(ingress_peer_check_);
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
  daily_->start();
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
  if (daily_) daily_->stop();
  if (stamper_) stamper_->stop();
  if (admin_server_) co_await admin_server_->shutdown(std::chrono::milliseconds(100));
  for (const auto& [id, own] : own_clients_) log_egress(id, *own);
}

const http::HttpClient& Hub::client_for(std::string_view connector) const {
  const auto it = own_clients_.find(connector);
  return it == own_clients_.end() ? *client_ : *it->second;
}

}  // namespace lienthong::app
