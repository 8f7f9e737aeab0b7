#pragma once

#include "core/config/hub_config.hpp"

namespace lienthong::app {

/// `check-config`'s certificate part: every certificate, key and trust anchor the config names
/// (listen_tls, each connector's tls and message_security) is checked with
/// security::check_identity() / check_certificate_file(); a finding is located at the key that
/// names the file. A certificate must chain to an anchor configured somewhere in the config
/// (listen_tls.client_ca, a connector's tls.ca or message_security.trust_anchors) or to one of
/// the system's. Passwords are never part of a finding.
config::ConfigErrors check_certificates(const config::HubConfig& config);

}  // namespace lienthong::app
