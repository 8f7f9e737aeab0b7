#include "core/http/client_tls.hpp"

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>

#include <cstdio>
#include <memory>

namespace lienthong::http {
namespace {

namespace ssl = boost::asio::ssl;

// TLS 1.2: ECDHE with AES-GCM or ChaCha20-Poly1305 only. TLS 1.3 suites are all modern.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

std::string openssl_reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  return ERR_reason_error_string(code) != nullptr ? ERR_reason_error_string(code)
                                                  : "OpenSSL error " + std::to_string(code);
}

std::string file_error(const std::filesystem::path& file, const std::string& what) {
  return file.string() + ": " + what;
}

Result<void, std::string> use_pkcs12(SSL_CTX* ctx, const ClientTlsFiles& files) {
  std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(files.pkcs12.c_str(), "rb"), &std::fclose);
  if (!in) return file_error(files.pkcs12, "cannot be read");
  std::unique_ptr<PKCS12, void (*)(PKCS12*)> p12(d2i_PKCS12_fp(in.get(), nullptr), &PKCS12_free);
  if (!p12) return file_error(files.pkcs12, "not a PKCS#12 file: " + openssl_reason());
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  if (PKCS12_parse(p12.get(), files.pkcs12_password.c_str(), &key, &cert, &chain) != 1) {
    ERR_clear_error();
    return file_error(files.pkcs12, "cannot be opened (wrong password?)");
  }
  const bool ok = cert != nullptr && key != nullptr && SSL_CTX_use_certificate(ctx, cert) == 1 &&
                  SSL_CTX_use_PrivateKey(ctx, key) == 1 &&
                  (chain == nullptr || SSL_CTX_set1_chain(ctx, chain) == 1) &&
                  SSL_CTX_check_private_key(ctx) == 1;
  EVP_PKEY_free(key);
  X509_free(cert);
  sk_X509_pop_free(chain, X509_free);
  if (!ok) return file_error(files.pkcs12, "unusable client identity: " + openssl_reason());
  return {};
}

Result<void, std::string> use_pem(SSL_CTX* ctx, const ClientTlsFiles& files) {
  if (SSL_CTX_use_certificate_chain_file(ctx, files.certificate.c_str()) != 1) {
    return file_error(files.certificate, "not a PEM certificate chain: " + openssl_reason());
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, files.key.c_str(), SSL_FILETYPE_PEM) != 1) {
    return file_error(files.key, "not a PEM private key: " + openssl_reason());
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return file_error(files.key, "does not match " + files.certificate.string());
  }
  return {};
}

}  // namespace

void restrict_to_modern_tls(ssl::context& context) {
  SSL_CTX* ctx = context.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_cipher_list(ctx, kTls12Ciphers);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_compression);
}

Result<std::shared_ptr<ssl::context>, std::string> make_client_tls(const ClientTlsFiles& files) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  restrict_to_modern_tls(*context);
  SSL_CTX* ctx = context->native_handle();
  if (files.ca.empty()) {
    context->set_default_verify_paths();
  } else if (SSL_CTX_load_verify_locations(ctx, files.ca.c_str(), nullptr) != 1) {
    return file_error(files.ca, "not a PEM CA file: " + openssl_reason());
  }
  context->set_verify_mode(ssl::verify_peer);
  if (!files.pkcs12.empty()) {
    if (auto used = use_pkcs12(ctx, files); !used) return std::move(used).error();
  } else if (!files.certificate.empty()) {
    if (auto used = use_pem(ctx, files); !used) return std::move(used).error();
  }
  return context;
}

}  // namespace lienthong::http
