#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/config/config_error.hpp"
#include "core/config/tls_listener_config.hpp"

namespace lienthong::config {

class ObjectReader;

/// The operators' listener (`admin` in hub.json) and what it serves besides the admin API.
struct AdminConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8081;
  /// The console's static files (core/admin/console_files.hpp). Default: the repository's
  /// `core/admin/console` beside the config folder; a package names its own copy
  /// (/usr/share/lienthong/console). A folder that is not there does not stop the hub (its API
  /// works without a console, and copies of a config are often moved): the hub warns at start
  /// and the console's addresses answer 404 saying where it looked.
  std::filesystem::path console_dir;
  /// The operators who may sign in (core/admin/auth/operator_accounts.hpp), written by
  /// `lienthong admin passwd NAME`. Default: `operators.json` beside hub.json. A file that is
  /// not there is no operators: the admin API stays closed (but /healthz, /readyz and the local
  /// token) until one is added.
  std::filesystem::path operators_file;
  /// HTTPS on the admin listener (`admin.tls`: certificate, private_key, client_ca,
  /// client_certificates, ocsp — as `listen_tls`, without an address of its own). With client
  /// certificates asked for, an operator whose certificate's SHA-256 is in the operators file
  /// signs in by it. Off by default (loopback, where browsers keep a Secure cookie over HTTP).
  TlsListenerConfig tls;
};

/// Reads the `admin` object of hub.json, when present (paths relative to `base`, the folder of
/// hub.json); unknown keys are refused.
void read_admin_config(ObjectReader& parent, const std::filesystem::path& base, AdminConfig& out,
                       ConfigErrors& errors);

}  // namespace lienthong::config
