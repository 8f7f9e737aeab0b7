#include "core/http/tls.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <array>

#include "core/http/client_tls.hpp"

namespace lienthong::http {
namespace {

/// OpenSSL's most recent reason, clearing its error queue.
std::string openssl_reason() {
  std::string reason;
  while (const unsigned long code = ERR_get_error()) {
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    reason = text.data();  // the last is the most specific
  }
  return reason.empty() ? "unknown OpenSSL error" : reason;
}

}  // namespace

std::string certificate_subject(X509* certificate) {
  if (certificate == nullptr) return {};
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return {};
  std::string out;
  if (X509_NAME_print_ex(bio, X509_get_subject_name(certificate), 0,
                         XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size > 0 && data != nullptr) out.assign(data, static_cast<std::size_t>(size));
  }
  BIO_free(bio);
  return out;
}

std::string certificate_sha256(X509* certificate) {
  if (certificate == nullptr) return {};
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (X509_digest(certificate, EVP_sha256(), digest.data(), &size) != 1) return {};
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<std::size_t>(size) * 2U);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4U];
    out += kHex[digest[i] & 0x0FU];
  }
  return out;
}

std::shared_ptr<boost::asio::ssl::context> default_client_tls() {
  namespace ssl = boost::asio::ssl;
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  restrict_to_modern_tls(*context);
  context->set_default_verify_paths();
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

Result<std::shared_ptr<boost::asio::ssl::context>, std::string> server_tls(
    const ServerTlsOptions& options) {
  namespace ssl = boost::asio::ssl;
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* ctx = context->native_handle();
  ERR_clear_error();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET);
  // X25519 and the NIST curves only: no finite-field DH, so no weak or custom DH groups.
  if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1 ||
      SSL_CTX_set1_groups_list(ctx, "X25519:P-256:P-384") != 1) {
    return "cannot set the TLS cipher suites: " + openssl_reason();
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, options.certificate.c_str()) != 1) {
    return "cannot load the certificate chain " + options.certificate.string() + ": " +
           openssl_reason();
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, options.private_key.c_str(), SSL_FILETYPE_PEM) != 1) {
    // OpenSSL checks the key against the certificate here; say so in words.
    if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH) {
      ERR_clear_error();
      return "the private key " + options.private_key.string() +
             " does not match the certificate " + options.certificate.string();
    }
    return "cannot load the private key " + options.private_key.string() + ": " + openssl_reason();
  }
  if (options.client_certificates == ClientCertificates::kNone) return context;
  if (SSL_CTX_load_verify_locations(ctx, options.client_ca.c_str(), nullptr) != 1) {
    return "cannot load the client CA file " + options.client_ca.string() + ": " + openssl_reason();
  }
  // Tell callers which CAs we accept, so a client with several certificates picks the right one.
  if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(options.client_ca.c_str())) {
    SSL_CTX_set_client_CA_list(ctx, names);
  }
  int mode = SSL_VERIFY_PEER;
  if (options.client_certificates == ClientCertificates::kRequired) {
    mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  }
  SSL_CTX_set_verify(ctx, mode, nullptr);
  return context;
}

}  // namespace lienthong::http
