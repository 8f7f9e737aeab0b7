#pragma once

#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/hub_config.hpp"

namespace lienthong::app {

/// A development API key the hub created or found, to show the newcomer at start.
struct DevKey {
  std::string client;
  std::string key;
  std::string file;
};

/// For clients with `api_key_file` and `create_key_if_missing`: creates the file with a new
/// random key (mode 0600) when it is missing, and returns those keys so `serve` can print them.
Result<std::vector<DevKey>, std::string> ensure_dev_keys(const config::HubConfig& config);

}  // namespace lienthong::app
