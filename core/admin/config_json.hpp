#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/config/hub_config.hpp"

namespace lienthong::admin {

/// What a secret shows as (a secret that is not configured stays "").
inline constexpr std::string_view kMasked = "***";

/// The running configuration as JSON, shaped like hub.json and the connector files (paths as
/// resolved, defaults filled in), with every secret the config resolves (the fields commented
/// "resolved secret" in hub_config.hpp: tokens, passwords, partner and payment secrets, the
/// store's connection string, PKCS#12 passwords, webhook credentials) and every client's key
/// hash shown as "***". A new secret field must be masked here too: config_json_test.cpp
/// looks for each secret of a configuration that sets them all.
nlohmann::json config_json(const config::HubConfig& config);

}  // namespace lienthong::admin
