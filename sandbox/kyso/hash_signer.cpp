#include "sandbox/kyso/hash_signer.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include <memory>

namespace lienthong::sandbox::kyso {
namespace {

struct PkeyCtxDeleter {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> digest_from_hex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  std::string out;
  out.reserve(32);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = hex_value(hex[i]);
    const int low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

std::optional<std::string> sign_sha256_digest(EVP_PKEY* key, std::string_view digest) {
  if (key == nullptr || digest.size() != 32 || EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
    return std::nullopt;
  }
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(EVP_PKEY_CTX_new(key, nullptr));
  const auto* in = reinterpret_cast<const unsigned char*>(digest.data());
  std::size_t length = 0;
  if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
      EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) != 1 ||
      EVP_PKEY_sign(ctx.get(), nullptr, &length, in, digest.size()) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  std::string out(length, '\0');
  if (EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length, in,
                    digest.size()) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace lienthong::sandbox::kyso
