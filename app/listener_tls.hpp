#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "core/config/hub_config.hpp"
#include "core/http/client.hpp"
#include "core/http/server.hpp"

namespace lienthong::app {

/// The TLS context of a TLS listener — the provincial API's (`listen_tls`) or the admin's
/// (`admin.tls`) — built by http::server_tls(). Errors are located at `key`.
Result<std::shared_ptr<boost::asio::ssl::context>, config::ConfigErrors> listener_tls_context(
    const config::TlsListenerConfig& tls, std::string_view key,
    const std::filesystem::path& config_file);

/// The OCSP check of callers' certificates (`<key>.ocsp`), asked once per connection, or
/// an empty function when OCSP is off or no client certificates are asked for. A revoked
/// certificate is refused with 401; one whose status cannot be had is refused under hard-fail
/// with 503 (the caller may retry on a new connection) and accepted under soft-fail with an
/// `ocsp.soft_fail` warning. Answers are cached until their nextUpdate. `client` must outlive
/// the listener.
Result<http::PeerCheck, config::ConfigErrors> client_ocsp_check(
    const config::TlsListenerConfig& tls, std::string_view key,
    const std::filesystem::path& config_file, http::HttpClient& client);

}  // namespace lienthong::app
