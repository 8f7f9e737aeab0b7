#pragma once

#include <openssl/x509.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace lienthong::http {

/// Subject of a certificate in RFC 2253 form ("CN=so-tttt,O=UBND tinh"), empty for null.
std::string certificate_subject(X509* certificate);
/// SHA-256 fingerprint of a certificate's DER encoding, lowercase hex, empty for null.
std::string certificate_sha256(X509* certificate);

/// A client context for https egress: TLS 1.2 or newer, peers verified against the system's
/// trust anchors. Host names are checked per connection by the client.
std::shared_ptr<boost::asio::ssl::context> default_client_tls();

}  // namespace lienthong::http
