#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/hub_snapshot.hpp"
#include "core/config/config_error.hpp"

namespace lienthong::app {

/// What a reload changes, connector by connector (by their files: config and mappings).
struct ReloadChanges {
  std::vector<std::string> added, removed, changed;
  std::vector<std::string> files;  ///< the files added, removed or changed
  [[nodiscard]] bool none() const { return added.empty() && removed.empty() && changed.empty(); }
};
ReloadChanges changes_between(const HubSnapshot& before, const HubSnapshot& after);

/// The parts a reload cannot change (listeners stay open; the store, journal and time-stamp
/// client are the hub's for its whole run): each difference located, saying a restart applies
/// it.
config::ConfigErrors needs_restart(const config::HubConfig& before, const config::HubConfig& after);

/// How a reload went: applied, or refused with every reason (nothing changed then).
struct ReloadResult {
  bool applied = false;
  config::ConfigErrors errors;
  ReloadChanges changes;
  std::string checksum;  ///< SHA-256 over the configuration's files (ConfigFiles)
  std::size_t files = 0;
  [[nodiscard]] std::string summary() const;
  [[nodiscard]] nlohmann::json json() const;
};

}  // namespace lienthong::app
