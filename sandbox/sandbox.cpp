#include "sandbox/sandbox.hpp"

#include <functional>

#include "core/http/server.hpp"
#include "core/log/log.hpp"
#include "sandbox/dancu/dancu_mock.hpp"
#include "sandbox/dkdn/dkdn_mock.hpp"
#include "sandbox/dvcqg/dvcqg_mock.hpp"
#include "sandbox/mock_endpoint.hpp"

namespace lienthong::sandbox {
namespace {

Problem data_problem(const config::ConfigErrors& errors) {
  std::string detail = "sandbox scenario data is invalid:";
  for (const auto& e : errors) detail += "\n  " + e.to_string();
  return Problem::make(ProblemKind::kInternal, std::move(detail));
}

using Factory = std::function<Result<std::shared_ptr<MockHandler>>(const SandboxOptions&)>;

// Every mock this build has, by id: the one place that lists them.
const std::map<std::string, Factory, std::less<>>& factories() {
  static const std::map<std::string, Factory, std::less<>> kFactories = {
      {"dancu",
       [](const SandboxOptions& o) -> Result<std::shared_ptr<MockHandler>> {
         auto registry = dancu::CitizenRegistry::load(o.data_dir / "citizens.json");
         if (!registry) return data_problem(registry.error());
         return std::shared_ptr<MockHandler>(
             std::make_shared<dancu::DancuMock>(std::move(registry).value()));
       }},
      {"dkdn",
       [](const SandboxOptions& o) -> Result<std::shared_ptr<MockHandler>> {
         auto registry = dkdn::EnterpriseRegistry::load(o.data_dir / "enterprises.json");
         if (!registry) return data_problem(registry.error());
         return std::shared_ptr<MockHandler>(
             std::make_shared<dkdn::DkdnMock>(*registry, o.dkdn_token));
       }},
      {"dvcqg",
       [](const SandboxOptions& o) -> Result<std::shared_ptr<MockHandler>> {
         auto catalogue = dvcqg::ProcedureCatalogue::load(o.data_dir / "procedures.json");
         if (!catalogue) return data_problem(catalogue.error());
         dvcqg::DvcqgOptions options;
         options.adapter_path = o.dvcqg_adapter_path;
         options.username = o.dvcqg_username;
         options.password = o.dvcqg_password;
         options.dstcodes = o.dvcqg_dstcodes;
         return std::shared_ptr<MockHandler>(
             std::make_shared<dvcqg::DvcqgMock>(std::move(catalogue).value(), std::move(options)));
       }},
  };
  return kFactories;
}

}  // namespace

struct Sandbox::Impl {
  struct Running {
    std::shared_ptr<MockEndpoint> endpoint;
    std::unique_ptr<http::Server> server;
    std::uint16_t port = 0;
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
    auto handler = factory->second(options);
    if (!handler) return std::move(handler).error();

    EndpointOptions endpoint_options;
    endpoint_options.fault_seed = options.fault_seed;
    endpoint_options.timeout_hold = options.fault_timeout;
    auto endpoint = std::make_shared<MockEndpoint>(std::move(handler).value(), endpoint_options);
    auto server = std::make_unique<http::Server>(impl_->ioc, "sandbox-" + id, http::ServerLimits{},
                                                 endpoint->handler());
    auto bound = server->listen(options.host, port);
    if (!bound) return std::move(bound).error();
    log::info("sandbox.listening", {{"mock", id},
                                    {"address", bound->address().to_string()},
                                    {"port", std::to_string(bound->port())}});
    impl_->mocks.emplace(id, Impl::Running{std::move(endpoint), std::move(server), bound->port()});
  }
  return {};
}

std::uint16_t Sandbox::port(std::string_view id) const {
  const auto it = impl_->mocks.find(id);
  return it == impl_->mocks.end() ? 0 : it->second.port;
}

boost::asio::awaitable<void> Sandbox::shutdown(std::chrono::milliseconds grace) {
  // Held requests (latency, timeout faults) answer at once, so servers can drain quickly.
  for (auto& [id, mock] : impl_->mocks) mock.endpoint->stop();
  for (auto& [id, mock] : impl_->mocks) co_await mock.server->shutdown(grace);
}

}  // namespace lienthong::sandbox
