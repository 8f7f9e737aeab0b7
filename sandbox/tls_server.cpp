#include "sandbox/tls_server.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "core/http/client_tls.hpp"

namespace lienthong::sandbox {

namespace ssl = boost::asio::ssl;

Result<std::shared_ptr<ssl::context>, std::string> mtls_server_context(
    const std::filesystem::path& chain, const std::filesystem::path& key,
    const std::filesystem::path& client_anchors) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  http::restrict_to_modern_tls(*context);
  SSL_CTX* ctx = context->native_handle();
  const auto fail = [](const std::filesystem::path& file, const char* what) {
    ERR_clear_error();
    return file.string() + ": " + what;
  };
  if (SSL_CTX_use_certificate_chain_file(ctx, chain.c_str()) != 1) {
    return fail(chain, "not a PEM certificate chain");
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(ctx) != 1) {
    return fail(key, "not the PEM private key of the certificate");
  }
  if (SSL_CTX_load_verify_locations(ctx, client_anchors.c_str(), nullptr) != 1) {
    return fail(client_anchors, "not a PEM CA file");
  }
  context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  return context;
}

}  // namespace lienthong::sandbox
