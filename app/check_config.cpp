#include <iostream>

#include "app/check_certificates.hpp"
#include "app/commands.hpp"
#include "connectors/registry.hpp"
#include "core/http/url.hpp"
#include "core/pipeline/evidence/journal.hpp"
#include "core/pipeline/ingress/authenticate.hpp"
#include "core/pipeline/route_table.hpp"
#include "core/security/certificates/trust_store.hpp"

namespace lienthong::app {

int run_check_config(const CommandLine& cl) {
  config::ConfigErrors errors;
  // Read what can be read, then check mappings too: every problem is reported in one run.
  auto config = config::read_hub_config(cl.config, errors);
  {
    pipeline::ConnectorContext context;  // nothing is called while checking
    auto routes = pipeline::RouteTable::build(config, connectors::connector_types(), context);
    if (!routes) errors.insert(errors.end(), routes.error().begin(), routes.error().end());
    // A development key file that `serve` will create is not a problem yet.
    auto clients = config.clients;
    std::erase_if(clients, [](const config::ClientConfig& c) {
      return c.create_key_if_missing && !std::filesystem::exists(c.api_key_file);
    });
    if (auto registry = pipeline::ClientRegistry::build(clients, config.file); !registry) {
      errors.insert(errors.end(), registry.error().begin(), registry.error().end());
    }
    if (const auto& tsa = config.time_stamp_authority; !tsa.url.empty()) {
      if (auto anchors = security::TrustStore::load(tsa.trust_anchors, tsa.intermediates);
          !anchors) {
        errors.push_back({config.file.string(), 0, "time_stamp_authority.trust_anchors",
                          anchors.error().to_string()});
      }
      if (auto url = http::Url::parse(tsa.url); !url) {
        errors.push_back({config.file.string(), 0, "time_stamp_authority.url", url.error()});
      }
    }
    if (config.evidence.enabled) {  // the archive keys load (never printed)
      if (auto keys = pipeline::load_archive_keys(config); !keys) {
        errors.insert(errors.end(), keys.error().begin(), keys.error().end());
      }
    }
    auto certificates = check_certificates(config);
    errors.insert(errors.end(), certificates.begin(), certificates.end());
    if (errors.empty()) {
      std::size_t inbound = 0;
      for (const auto& c : config.connectors) inbound += c.inbound.size();
      const std::size_t operations = routes->routes().size() - inbound;
      std::cout << cl.config << ": OK (" << config.connectors.size() << " connectors, "
                << operations << " operations, " << inbound << " inbound, " << config.clients.size()
                << " clients)\n";
      return 0;
    }
  }
  for (const auto& e : errors) std::cout << e.to_string() << '\n';
  std::cerr << errors.size() << (errors.size() == 1 ? " problem" : " problems") << " in "
            << cl.config << '\n';
  return 1;
}

}  // namespace lienthong::app
