// `lienthong CONNECTOR ACTION [--NAME VALUE]...`: a connector's operator action, run in this
// process against the configured store and far side (paygov reconcile: issue 10, point 7).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <iostream>

#include "app/commands.hpp"
#include "app/dev_keys.hpp"
#include "app/hub.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/evidence/operator_action.hpp"

namespace lienthong::app {

int run_action(const CommandLine& cl) {
  const auto& a = cl.action;
  auto config = config::load_hub_config(cl.config);
  if (!config) {
    for (const auto& e : config.error()) std::cerr << e.to_string() << '\n';
    return 1;
  }
  if (config->connector(a.connector) == nullptr) {
    std::cerr << "lienthong: unknown command or connector " << a.connector << "\n\n" << usage();
    return 2;
  }
  // The same start as `serve`: a development client's key file is created when missing.
  if (auto keys = ensure_dev_keys(*config); !keys) {
    std::cerr << keys.error() << '\n';
    return 1;
  }
  log::set_level(log::Level::kError);  // the report is the output, and says what the log would
  boost::asio::io_context ioc;
  auto hub = Hub::create(ioc, std::move(config).value());
  if (!hub) {
    for (const auto& e : hub.error()) std::cerr << e.to_string() << '\n';
    return 1;
  }
  const auto& connectors = (*hub)->routes().connectors();
  const auto connector = connectors.at(a.connector);
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [name, value] : a.params) params[name] = value;
  std::optional<Result<pipeline::ActionReport>> report;
  boost::asio::co_spawn(
      ioc,
      [&]() -> boost::asio::awaitable<void> {
        report = co_await pipeline::run_operator_action(*connector, a.connector, a.action, params,
                                                        local_operator(), &(*hub)->journal());
      },
      [](const std::exception_ptr& e) {
        if (e) std::rethrow_exception(e);
      });
  ioc.run();
  if (!report || !*report) {
    std::cerr << a.connector << " " << a.action << ": ";
    if (!report) {
      std::cerr << "it did not finish\n";
      return 3;
    }
    const Problem& p = report->error();
    std::cerr << p.detail << '\n';
    for (const auto& e : p.errors) std::cerr << "  " << e.pointer << ": " << e.reason << '\n';
    if (p.upstream) {
      std::cerr << "  the far side answered HTTP " << p.upstream->status << " " << p.upstream->code
                << '\n';
    }
    return p.kind == ProblemKind::kInvalid || p.kind == ProblemKind::kNotFound ? 2 : 3;
  }
  const auto& r = **report;
  if (a.json) {
    std::cout << r.json.dump(2) << '\n';
  } else {
    std::cout << r.text;
  }
  return r.clean ? 0 : 1;
}

}  // namespace lienthong::app
