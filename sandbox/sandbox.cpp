#include "sandbox/sandbox.hpp"

#include <functional>

#include "core/http/server.hpp"
#include "core/log/log.hpp"
#include "sandbox/dancu/signed_dancu_mock.hpp"
#include "sandbox/dkdn/dkdn_mock.hpp"
#include "sandbox/dvcqg/dvcqg_mock.hpp"
#include "sandbox/kyso/kyso_mock.hpp"
#include "sandbox/kyso/tester_controls.hpp"
#include "sandbox/mock_endpoint.hpp"
#include "sandbox/motcua/motcua_mock.hpp"
#include "sandbox/paygov/paygov_parts.hpp"
#include "sandbox/tls_server.hpp"

namespace lienthong::sandbox {
namespace {

Problem data_problem(const config::ConfigErrors& errors) {
  std::string detail = "sandbox scenario data is invalid:";
  for (const auto& e : errors) detail += "\n  " + e.to_string();
  return Problem::make(ProblemKind::kInternal, std::move(detail));
}

Problem pki_problem(const std::string& reason) {
  return Problem::make(ProblemKind::kInternal,
                       "sandbox certificates (certs/gen-dev-pki.sh) unusable: " + reason);
}

/// Answers a mock's own control requests in front of the shared control API (nullopt: not one).
using OwnControls = std::function<std::optional<http::Response>(const http::Request&)>;

/// A mock's business handler and, when it is served over TLS, its server context; a mock with
/// its own control routes or background work (paygov's IPNs) adds them and their stop.
struct Built {
  std::shared_ptr<MockHandler> handler;
  std::shared_ptr<boost::asio::ssl::context> tls;
  OwnControls controls = {};
  std::function<void()> stop = {};
};

/// What a factory may use besides the options: the io_context the mocks run on.
struct Context {
  const SandboxOptions& options;
  boost::asio::io_context& ioc;
};

Result<Built> build_dancu(const Context& context) {
  const auto& o = context.options;
  auto registry = dancu::CitizenRegistry::load(o.data_dir / "citizens.json");
  if (!registry) return data_problem(registry.error());
  const auto& dir = o.certs_dir;
  auto own = security::SigningIdentity::load_pem(dir / "sandbox-dancu-key.pem",
                                                 dir / "sandbox-dancu-chain.pem");
  if (!own) return pki_problem(own.error().to_string());
  auto other = security::SigningIdentity::load_pem(dir / "sandbox-server-key.pem",
                                                   dir / "sandbox-server-chain.pem");
  if (!other) return pki_problem(other.error().to_string());
  auto trust = security::TrustStore::load({dir / "root-ca.pem"}, {dir / "intermediate-ca.pem"},
                                          {dir / "crl.pem"});
  if (!trust) return pki_problem(trust.error().to_string());
  auto tls = mtls_server_context(dir / "sandbox-dancu-chain.pem", dir / "sandbox-dancu-key.pem",
                                 dir / "root-ca.pem");
  if (!tls) return pki_problem(tls.error());
  dancu::DancuSecurity security{o.dancu_signer ? *o.dancu_signer : *own, std::move(*trust),
                                std::move(*other)};
  auto inner = std::make_shared<dancu::DancuMock>(std::move(registry).value());
  return Built{std::make_shared<dancu::SignedDancuMock>(std::move(inner), std::move(security)),
               std::move(tls).value()};
}

Result<Built> build_paygov(const Context& context) {
  const auto& o = context.options;
  paygov::PaygovSetup setup;
  setup.mock.partner = paygov::Partner{o.paygov_partner, o.paygov_secret};
  setup.mock.token = o.paygov_token;
  setup.mock.expiry = o.paygov_expiry;
  setup.ipn_url = o.paygov_ipn_url;
  setup.ipn_key = o.paygov_ipn_key;
  setup.ipn_resends = o.paygov_ipn_resends;
  setup.ipn_resend_delay = o.paygov_ipn_resend_delay;
  auto parts = paygov::make_paygov(context.ioc.get_executor(), std::move(setup));
  if (!parts) return std::move(parts).error();
  return Built{parts->mock, nullptr,
               [controls = parts->controls](const http::Request& request) {
                 return controls->handle(request);
               },
               [sender = parts->sender] { sender->stop(); }};
}

Result<Built> build_kyso(const Context& context) {
  const auto& o = context.options;
  auto accounts = kyso::SignerAccounts::load(o.data_dir / "signers.json");
  if (!accounts) return data_problem(accounts.error());
  // A dev PKI made before the signer certificates still serves OCSP and (if it has one) the
  // TSA; the remote-signing API then answers 503 saying what to run.
  std::shared_ptr<kyso::RemoteSigningApi> signing;
  if (const auto missing = kyso::SignerKeyring::missing_files(*accounts, o.certs_dir);
      missing.empty()) {
    auto keys = kyso::SignerKeyring::load(*accounts, o.certs_dir);
    if (!keys) {
      std::string reasons;
      for (const auto& e : keys.error()) reasons += "\n  " + e.to_string();
      return pki_problem(reasons);
    }
    kyso::RemoteSigningOptions options;
    options.sp = {o.kyso_sp_id, o.kyso_sp_password};
    options.timing = {o.kyso_approval, o.kyso_expiry};
    signing = std::make_shared<kyso::RemoteSigningApi>(std::move(accounts).value(),
                                                       std::move(keys).value(), options);
  } else {
    log::warn("sandbox.kyso_signing_unavailable",
              {{"missing_files", std::to_string(missing.size())},
               {"fix", "remove certs_dir and run certs/gen-dev-pki.sh"}});
  }
  std::optional<kyso::TsaFiles> tsa = kyso::TsaFiles::in_dev_pki(o.certs_dir);
  if (!std::filesystem::exists(tsa->key)) tsa.reset();
  auto mock =
      kyso::KysoMock::load(kyso::OcspResponderFiles::in_dev_pki(o.certs_dir), {}, tsa, signing);
  if (!mock) {
    std::string reasons;
    for (const auto& e : mock.error()) reasons += "\n  " + e.to_string();
    return pki_problem(reasons);
  }
  auto controls = std::make_shared<kyso::TesterControls>(
      signing ? signing->transactions() : std::shared_ptr<kyso::SigningTransactions>());
  return Built{std::move(mock).value(), nullptr,
               [controls](const http::Request& request) { return controls->handle(request); }};
}

using Factory = std::function<Result<Built>(const Context&)>;

// Every mock this build has, by id: the one place that lists them.
const std::map<std::string, Factory, std::less<>>& factories() {
  static const std::map<std::string, Factory, std::less<>> kFactories = {
      {"dancu", &build_dancu},
      {"dkdn",
       [](const Context& c) -> Result<Built> {
         const auto& o = c.options;
         auto registry = dkdn::EnterpriseRegistry::load(o.data_dir / "enterprises.json");
         if (!registry) return data_problem(registry.error());
         return Built{std::make_shared<dkdn::DkdnMock>(*registry, o.dkdn_token), nullptr};
       }},
      {"kyso", &build_kyso},
      {"motcua",
       [](const Context& c) -> Result<Built> {
         return Built{std::make_shared<motcua::MotcuaMock>(c.options.motcua_token), nullptr};
       }},
      {"paygov", &build_paygov},
      {"dvcqg",
       [](const Context& c) -> Result<Built> {
         const auto& o = c.options;
         auto catalogue = dvcqg::ProcedureCatalogue::load(o.data_dir / "procedures.json");
         if (!catalogue) return data_problem(catalogue.error());
         dvcqg::DvcqgOptions options;
         options.adapter_path = o.dvcqg_adapter_path;
         options.username = o.dvcqg_username;
         options.password = o.dvcqg_password;
         options.dstcodes = o.dvcqg_dstcodes;
         return Built{
             std::make_shared<dvcqg::DvcqgMock>(std::move(catalogue).value(), std::move(options)),
             nullptr};
       }},
  };
  return kFactories;
}

// The mock's own control routes first (never logged or faulted, like the shared ones), then
// the endpoint.
http::asio::awaitable<std::optional<http::Response>> serve_with_controls(OwnControls controls,
                                                                         http::Handler endpoint,
                                                                         http::Incoming& incoming) {
  if (auto answer = controls(incoming.request)) co_return std::move(*answer);
  co_return co_await endpoint(incoming);
}

http::Handler with_controls(OwnControls controls, http::Handler endpoint) {
  if (!controls) return endpoint;
  return
      [controls = std::move(controls), endpoint = std::move(endpoint)](http::Incoming& incoming) {
        return serve_with_controls(controls, endpoint, incoming);
      };
}

}  // namespace

struct Sandbox::Impl {
  struct Running {
    std::shared_ptr<MockEndpoint> endpoint;
    std::unique_ptr<http::Server> server;
    std::uint16_t port = 0;
    bool tls = false;
    std::function<void()> stop;
  };

  boost::asio::io_context& ioc;
  SandboxOptions options;
  bool started = false;
  std::map<std::string, Running, std::less<>> mocks;
};

Sandbox::Sandbox(boost::asio::io_context& ioc, SandboxOptions options)
    : impl_(std::make_unique<Impl>(Impl{ioc, std::move(options), false, {}})) {}

Sandbox::~Sandbox() = default;

std::vector<std::string> Sandbox::known_mocks() {
  std::vector<std::string> ids;
  for (const auto& [id, factory] : factories()) ids.push_back(id);
  return ids;
}

Result<void> Sandbox::start() {
  if (impl_->started) return Problem::make(ProblemKind::kInternal, "sandbox already started");
  impl_->started = true;
  const auto& options = impl_->options;
  for (const auto& [id, port] : options.ports) {
    const auto factory = factories().find(id);
    if (factory == factories().end()) {
      return Problem::make(ProblemKind::kInternal, "unknown sandbox mock \"" + id + "\"");
    }
    auto built = factory->second(Context{options, impl_->ioc});
    if (!built) return std::move(built).error();

    EndpointOptions endpoint_options;
    endpoint_options.fault_seed = options.fault_seed;
    endpoint_options.timeout_hold = options.fault_timeout;
    endpoint_options.log_capacity = options.request_log_capacity;
    auto endpoint = std::make_shared<MockEndpoint>(built->handler, endpoint_options);
    auto server = std::make_unique<http::Server>(
        impl_->ioc, "sandbox-" + id, http::ServerLimits{},
        with_controls(built->controls, endpoint->handler()), built->tls);
    auto bound = server->listen(options.host, port);
    if (!bound) return std::move(bound).error();
    log::info("sandbox.listening", {{"mock", id},
                                    {"address", bound->address().to_string()},
                                    {"port", std::to_string(bound->port())},
                                    {"tls", built->tls ? "mutual" : "none"}});
    impl_->mocks.emplace(id, Impl::Running{std::move(endpoint), std::move(server), bound->port(),
                                           built->tls != nullptr, built->stop});
  }
  return {};
}

std::uint16_t Sandbox::port(std::string_view id) const {
  const auto it = impl_->mocks.find(id);
  return it == impl_->mocks.end() ? 0 : it->second.port;
}

std::string_view Sandbox::scheme(std::string_view id) const {
  const auto it = impl_->mocks.find(id);
  return it != impl_->mocks.end() && it->second.tls ? "https" : "http";
}

boost::asio::awaitable<void> Sandbox::shutdown(std::chrono::milliseconds grace) {
  // Held requests (latency, timeout faults) answer at once, so servers can drain quickly.
  for (auto& [id, mock] : impl_->mocks) {
    mock.endpoint->stop();
    if (mock.stop) mock.stop();  // paygov: pending IPNs are not sent
  }
  for (auto& [id, mock] : impl_->mocks) co_await mock.server->shutdown(grace);
}

}  // namespace lienthong::sandbox
