#pragma once

#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config/hub_config.hpp"

namespace lienthong::admin {

/// A certificate file the configuration names, and where: `connector` (empty for hub.json)
/// and the key path in that file (`tls.ca`, `message_security.trust_anchors.0`).
struct CertificateSource {
  std::string connector;
  std::string key;
  std::filesystem::path file;
  bool pkcs12 = false;
  std::string pkcs12_password;  ///< resolved secret; only ever given to OpenSSL
};

/// Every certificate file of `config`: the TLS listener's certificate and client anchors, each
/// connector's egress TLS, message security and signing trust, the time-stamp authority's
/// trust. In that order; keys never carry a secret.
std::vector<CertificateSource> certificate_sources(const config::HubConfig& config);

/// Reads the files now (blocking) and describes each certificate in them:
/// `{"certificates": [{connector?, key, file, index, subject, issuer, serial, sha256, not_before,
/// not_after, days_left, status}], "errors": [{connector?, key, file, reason}]}`. `status` is
/// `valid`, `expiring` (fewer than `warning_days` left), `expired` or `not_yet_valid`;
/// `days_left` is whole days to not_after (negative once expired).
nlohmann::json certificate_report(const std::vector<CertificateSource>& sources, std::time_t now,
                                  int warning_days = 30);

}  // namespace lienthong::admin
