#pragma once

#include <openssl/x509.h>

#include <boost/asio/ssl/context.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "core/base/problem.hpp"

namespace lienthong::http {

/// Subject of a certificate in RFC 2253 form ("CN=so-tttt,O=UBND tinh"), empty for null.
std::string certificate_subject(X509* certificate);
/// SHA-256 fingerprint of a certificate's DER encoding, lowercase hex, empty for null.
std::string certificate_sha256(X509* certificate);

/// A client context for https egress: TLS 1.2 or newer, peers verified against the system's
/// trust anchors. Host names are checked per connection by the client.
std::shared_ptr<boost::asio::ssl::context> default_client_tls();

/// Whether a TLS listener asks its callers for a certificate (mTLS).
enum class ClientCertificates {
  kNone,      ///< never asked for
  kOptional,  ///< asked for; a caller without one may still use an API key
  kRequired,  ///< the handshake fails without one
};

/// What a TLS listener needs: its certificate chain and key, and whom it trusts for callers.
struct ServerTlsOptions {
  std::filesystem::path certificate;  ///< PEM: the server certificate, then its chain
  std::filesystem::path private_key;  ///< PEM, unencrypted
  std::filesystem::path client_ca;    ///< PEM anchors for client certificates (unless kNone)
  ClientCertificates client_certificates = ClientCertificates::kNone;
};

/// THE server TLS context (every TLS listener is made here): TLS 1.2 and 1.3 only; for 1.2
/// only ECDHE key exchange with AEAD ciphers (AES-GCM, ChaCha20-Poly1305), for 1.3 OpenSSL's
/// defaults; the server's cipher order; no compression, no renegotiation. A client
/// certificate that is presented but does not chain to `client_ca` fails the handshake.
/// Errors (start-up only) name the file and OpenSSL's reason.
Result<std::shared_ptr<boost::asio::ssl::context>, std::string> server_tls(
    const ServerTlsOptions& options);

/// The cipher list server_tls() offers for TLS 1.2 (OpenSSL syntax), for tests and docs.
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";

}  // namespace lienthong::http
