#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <iostream>
#include <thread>

#include "app/commands.hpp"
#include "app/dev_keys.hpp"
#include "app/hub.hpp"
#include "core/log/log.hpp"
#include "sandbox/sandbox.hpp"

namespace lienthong::app {
namespace {

namespace asio = boost::asio;

void print_errors(const config::ConfigErrors& errors) {
  for (const auto& e : errors) std::cerr << e.to_string() << '\n';
}

log::Level parse_level(const std::string& name) {
  if (name == "debug") return log::Level::kDebug;
  if (name == "warn") return log::Level::kWarn;
  if (name == "error") return log::Level::kError;
  return log::Level::kInfo;
}

sandbox::SandboxOptions sandbox_options(const config::SandboxConfig& c) {
  sandbox::SandboxOptions o;
  o.host = c.host;
  o.ports = c.ports;
  o.data_dir = c.data_dir;
  o.certs_dir = c.certs_dir;
  if (!c.dkdn_token.empty()) o.dkdn_token = c.dkdn_token;
  if (!c.motcua_token.empty()) o.motcua_token = c.motcua_token;
  if (!c.dvcqg_username.empty()) o.dvcqg_username = c.dvcqg_username;
  if (!c.dvcqg_password.empty()) o.dvcqg_password = c.dvcqg_password;
  if (!c.paygov_partner.empty()) o.paygov_partner = c.paygov_partner;
  if (!c.paygov_secret.empty()) o.paygov_secret = c.paygov_secret;
  if (!c.paygov_token.empty()) o.paygov_token = c.paygov_token;
  if (!c.paygov_ipn_url.empty()) o.paygov_ipn_url = c.paygov_ipn_url;
  if (!c.paygov_ipn_key.empty()) o.paygov_ipn_key = c.paygov_ipn_key;
  if (c.paygov_expiry_s > 0) o.paygov_expiry = std::chrono::seconds(c.paygov_expiry_s);
  if (!c.kyso_sp_id.empty()) o.kyso_sp_id = c.kyso_sp_id;
  if (!c.kyso_sp_password.empty()) o.kyso_sp_password = c.kyso_sp_password;
  if (c.kyso_approval_ms > 0) o.kyso_approval = std::chrono::milliseconds(c.kyso_approval_ms);
  if (c.kyso_expiry_ms > 0) o.kyso_expiry = std::chrono::milliseconds(c.kyso_expiry_ms);
  if (!c.dvcqg_dstcodes.empty()) o.dvcqg_dstcodes = c.dvcqg_dstcodes;
  if (!c.dvcqg_adapter_path.empty()) o.dvcqg_adapter_path = c.dvcqg_adapter_path;
  if (c.request_log_capacity > 0) {
    o.request_log_capacity = static_cast<std::size_t>(c.request_log_capacity);
  }
  return o;
}

std::string url(const asio::ip::tcp::endpoint& ep, const std::string& scheme = "http") {
  return scheme + "://" + ep.address().to_string() + ":" + std::to_string(ep.port());
}

// SIGHUP is what `systemctl reload` sends (packaging/lienthong.service): `reload` runs for each
// one (the hub reloads its configuration; the sandbox alone has nothing to reload). Never the
// default action, which would end the process.
void on_hangup(asio::signal_set& hangup, const std::function<void()>& reload) {
  hangup.async_wait([&hangup, &reload](const boost::system::error_code& ec, int) {
    if (ec) return;
    if (reload) {
      reload();
    } else {
      log::info("reload.nothing", {{"reason", "the sandbox alone has no configuration to reload"}});
    }
    on_hangup(hangup, reload);
  });
}

// The hub's answer to SIGHUP: reload as the local system (its result is logged by Hub::reload,
// each problem on a line of stderr as check-config prints them).
asio::awaitable<void> reload_on_signal(Hub* hub) {
  auto result = co_await hub->reload("signal:SIGHUP");
  if (!result.applied) {
    for (const auto& e : result.errors) std::cerr << "reload: " << e.to_string() << '\n';
  }
  std::cerr << result.summary() << std::endl;
}

// Runs the io_context on `threads` threads until SIGINT/SIGTERM, then `stop` finishes the work.
void run_until_signal(asio::io_context& ioc, int threads,
                      std::function<asio::awaitable<void>()> stop,
                      const std::function<void()>& reload = {}) {
  asio::signal_set hangup(ioc, SIGHUP);
  on_hangup(hangup, reload);
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    log::info("shutting down", {{"signal", std::to_string(sig)}});
    hangup.cancel();
    asio::co_spawn(ioc, stop(), [&ioc](const std::exception_ptr&) { ioc.stop(); });
  });
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}

}  // namespace

int run_serve(const CommandLine& cl) {
  auto config = config::load_hub_config(cl.config);
  if (!config) {
    print_errors(config.error());
    return 1;
  }
  log::set_level(parse_level(config->log_level));
  auto keys = ensure_dev_keys(*config);
  if (!keys) {
    std::cerr << keys.error() << '\n';
    return 1;
  }
  asio::io_context ioc;
  std::unique_ptr<sandbox::Sandbox> mocks;
  if (config->sandbox.enabled && !cl.no_sandbox) {
    mocks = std::make_unique<sandbox::Sandbox>(ioc, sandbox_options(config->sandbox));
    if (auto started = mocks->start(); !started) {
      std::cerr << "sandbox: " << started.error().detail << '\n';
      return 1;
    }
  }
  auto hub = Hub::create(ioc, *config);
  if (!hub) {
    print_errors(hub.error());
    return 1;
  }
  if (auto bound = (*hub)->listen(); !bound) {
    std::cerr << bound.error().detail << '\n';
    return 1;
  }
  std::cout << "lienthong serving (config " << cl.config << ")\n"
            << "  provincial API  " << url((*hub)->ingress_endpoint())
            << "/v1/{connector}/{operation}\n";
  if (const auto tls = (*hub)->ingress_tls_endpoint()) {
    std::cout << "  provincial TLS  https://" << tls->address().to_string() << ':' << tls->port()
              << "/v1/{connector}/{operation}  (client certificates "
              << config->listen_tls.client_certificates << ", OCSP " << config->listen_tls.ocsp
              << ")\n";
  }
  std::cout << "  admin           "
            << url((*hub)->admin_endpoint(), config->admin.tls.enabled ? "https" : "http")
            << "/  (the console; sign in after `lienthong admin passwd NAME`), /healthz, /readyz\n";
  for (const auto& [key, route] : (*hub)->routes().routes()) {
    std::cout << "  operation       " << key << '\n';
  }
  for (const auto& c : config->connectors) {
    for (const auto& [name, op] : c.inbound) {
      std::cout << "  inbound         " << url((*hub)->ingress_endpoint()) << "/inbound/" << c.id
                << '/' << name << " -> " << op.target << '\n';
    }
  }
  if (mocks) {
    for (const auto& [id, port] : config->sandbox.ports) {
      std::cout << "  sandbox         " << id << ' ' << mocks->scheme(id) << "://"
                << config->sandbox.host << ':' << mocks->port(id) << '\n';
    }
  }
  for (const auto& k : *keys) {
    std::cout << "  dev API key     " << k.key << "  (client \"" << k.client << "\", saved in "
              << k.file << ")\n";
  }
  if (!keys->empty()) {
    std::cout << "try:\n  curl -s -H 'Authorization: Bearer " << keys->front().key
              << "' -H 'Content-Type: application/json' -d @mappings/dkdn/"
                 "lookup-enterprise.example.json "
              << url((*hub)->ingress_endpoint()) << "/v1/dkdn/lookup-enterprise\n";
  }
  std::cout << std::flush;
  Hub* h = hub->get();
  sandbox::Sandbox* m = mocks.get();
  run_until_signal(
      ioc, config->threads,
      [h, m]() -> asio::awaitable<void> {
        co_await h->shutdown();
        if (m != nullptr) co_await m->shutdown(std::chrono::milliseconds(1000));
      },
      [h, &ioc] { asio::co_spawn(ioc, reload_on_signal(h), asio::detached); });
  log::info("stopped");
  return 0;
}

int run_sandbox(const CommandLine& cl) {
  auto config = config::load_hub_config(cl.config);
  if (!config) {
    print_errors(config.error());
    return 1;
  }
  asio::io_context ioc;
  sandbox::Sandbox mocks(ioc, sandbox_options(config->sandbox));
  if (auto started = mocks.start(); !started) {
    std::cerr << "sandbox: " << started.error().detail << '\n';
    return 1;
  }
  std::cout << "lienthong sandbox (config " << cl.config << ")\n";
  for (const auto& [id, port] : config->sandbox.ports) {
    std::cout << "  " << id << ' ' << mocks.scheme(id) << "://" << config->sandbox.host << ':'
              << mocks.port(id) << '\n';
  }
  std::cout << std::flush;
  run_until_signal(ioc, config->threads, [&mocks]() -> asio::awaitable<void> {
    co_await mocks.shutdown(std::chrono::milliseconds(1000));
  });
  return 0;
}

}  // namespace lienthong::app
