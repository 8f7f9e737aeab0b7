#pragma once

#include <boost/asio/ssl/context.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "core/base/problem.hpp"

namespace lienthong::http {

/// What an egress TLS context is made of: whom to trust, and the client identity for mTLS.
struct ClientTlsFiles {
  std::filesystem::path ca;           ///< PEM anchors; empty = the system's trust store
  std::filesystem::path certificate;  ///< PEM client certificate followed by its chain
  std::filesystem::path key;          ///< PEM private key (unencrypted)
  std::filesystem::path pkcs12;       ///< instead of certificate + key
  std::string pkcs12_password;        ///< resolved secret; never logged nor put in an error
};

/// A client context for one external system: TLS 1.2 or newer with forward-secret AEAD
/// cipher suites only, the peer verified against `ca` (host names are checked per connection
/// by the client), and the client certificate when one is given. Errors name the file.
Result<std::shared_ptr<boost::asio::ssl::context>, std::string> make_client_tls(
    const ClientTlsFiles& files);

/// Restricts `context` to TLS 1.2+ and the cipher suites above (also used by the default
/// context).
void restrict_to_modern_tls(boost::asio::ssl::context& context);

}  // namespace lienthong::http
