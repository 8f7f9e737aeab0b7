#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "core/config/hub_config.hpp"
#include "core/http/client.hpp"
#include "core/http/server.hpp"

namespace lienthong::app {

/// What a TLS listener needs of its config: its context and its check of client certificates.
struct ListenerTls {
  std::shared_ptr<boost::asio::ssl::context> context;
  http::PeerCheck peer_check;
};

/// The context and check of a TLS listener — the provincial API's (`listen_tls`) or the
/// admin's (`admin.tls`); errors are located at `key`. The context is http::server_tls()'s.
/// The check asks OCSP about callers' certificates (`<key>.ocsp`) once per connection; it is
/// empty when OCSP is off or no client certificates are asked for. A revoked certificate is
/// refused with 401; one whose status cannot be had is refused under hard-fail with 503 (the
/// caller may retry on a new connection) and accepted under soft-fail with an `ocsp.soft_fail`
/// warning. Answers are cached until their nextUpdate. `client` must outlive the listener.
Result<ListenerTls, config::ConfigErrors> listener_tls(const config::TlsListenerConfig& tls,
                                                       std::string_view key,
                                                       const std::filesystem::path& config_file,
                                                       http::HttpClient& client);

}  // namespace lienthong::app
