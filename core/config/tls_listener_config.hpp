#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace lienthong::config {

/// A TLS listener (mTLS when client certificates are asked for): the provincial API's
/// (`listen_tls`) and the admin listener's (`admin.tls`, whose address is the admin's own).
struct TlsListenerConfig {
  bool enabled = false;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;
  std::filesystem::path certificate;             ///< PEM, server certificate followed by its chain
  std::filesystem::path private_key;             ///< PEM
  std::filesystem::path client_ca;               ///< PEM anchors for client certificates
  std::string client_certificates = "optional";  ///< none | optional | required
  std::string ocsp = "soft-fail";  ///< client certificate status: off | soft-fail | hard-fail
  std::string ocsp_url;            ///< override of the client certificates' AIA responder

  bool operator==(const TlsListenerConfig&) const = default;
};

}  // namespace lienthong::config
