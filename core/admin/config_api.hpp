#pragma once

#include <optional>
#include <string>

#include "core/config/hub_config.hpp"
#include "core/http/types.hpp"

namespace lienthong::admin {

/// `GET /admin/config`: the configuration this hub runs, secrets masked (config_json.hpp).
/// The JSON is made once, from the configuration the hub was built with.
class ConfigApi {
 public:
  explicit ConfigApi(const config::HubConfig& config);

  /// The answer for `/admin/config`, nullopt for any other target.
  [[nodiscard]] std::optional<http::Response> handle(const http::Request& request) const;

 private:
  std::string body_;
};

}  // namespace lienthong::admin
