#include "core/security/certificates/signing_identity.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>

#include <cstring>

#include "core/security/certificates/certificates.hpp"

namespace lienthong::security {
namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct Pkcs12Deleter {
  void operator()(PKCS12* p) const { PKCS12_free(p); }
};

config::ConfigError file_error(const std::filesystem::path& file, std::string reason) {
  return config::ConfigError{file.string(), 0, "", std::move(reason)};
}

// Hands OpenSSL the caller's password; without a password it refuses instead of prompting on
// a terminal (OpenSSL's default when the callback is null).
int password_callback(char* buf, int size, int /*rwflag*/, void* user) {
  const auto* password = static_cast<const std::string_view*>(user);
  if (password == nullptr || password->empty()) return 0;
  if (password->size() > static_cast<std::size_t>(size)) return 0;
  std::memcpy(buf, password->data(), password->size());
  return static_cast<int>(password->size());
}

// Splits `certs` into the one matching `key` and the rest.
Result<SigningIdentity, std::string> assemble(EvpPkeyPtr key, Certificates certs) {
  X509Ptr signer;
  Certificates chain;
  for (auto& c : certs) {
    if (!signer && X509_check_private_key(c.get(), key.get()) == 1) {
      signer = std::move(c);
    } else {
      chain.push_back(std::move(c));
    }
  }
  ERR_clear_error();
  if (!signer) return std::string("the private key does not match any certificate given");
  return SigningIdentity::from(std::move(key), std::move(signer), std::move(chain));
}

}  // namespace

Result<SigningIdentity, std::string> SigningIdentity::from(EvpPkeyPtr key, X509Ptr certificate,
                                                           Certificates chain) {
  if (!key || !certificate) return std::string("a key and a certificate are required");
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    ERR_clear_error();
    return std::string("the private key does not match the certificate");
  }
  auto state = std::make_shared<State>();
  state->key = std::move(key);
  state->certificate = std::move(certificate);
  state->chain = std::move(chain);
  return SigningIdentity(std::move(state));
}

Result<SigningIdentity, config::ConfigError> SigningIdentity::load_pem(
    const std::filesystem::path& key_file, const std::filesystem::path& cert_file,
    std::string_view key_password) {
  auto key_bytes = read_small_file(key_file, std::size_t{1} << 20);
  if (!key_bytes) return key_bytes.error();
  BioPtr bio(BIO_new_mem_buf(key_bytes->data(), static_cast<int>(key_bytes->size())));
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, password_callback, &key_password));
  OPENSSL_cleanse(key_bytes->data(), key_bytes->size());
  ERR_clear_error();
  if (!key) {
    return file_error(key_file, key_password.empty()
                                    ? "not a PEM private key, or encrypted and no password given"
                                    : "not a PEM private key, or the password is wrong");
  }
  auto certs = load_certificates(cert_file);
  if (!certs) return certs.error();
  auto identity = assemble(std::move(key), std::move(*certs));
  if (!identity) return file_error(cert_file, identity.error());
  return std::move(*identity);
}

Result<SigningIdentity, config::ConfigError> SigningIdentity::load_pkcs12(
    const std::filesystem::path& file, std::string_view password) {
  auto bytes = read_small_file(file, std::size_t{1} << 20);
  if (!bytes) return bytes.error();
  BioPtr bio(BIO_new_mem_buf(bytes->data(), static_cast<int>(bytes->size())));
  std::unique_ptr<PKCS12, Pkcs12Deleter> p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) {
    ERR_clear_error();
    return file_error(file, "not a PKCS#12 file");
  }
  std::string pass(password);  // PKCS12 wants a NUL-terminated string
  if (PKCS12_mac_present(p12.get()) == 1 &&
      PKCS12_verify_mac(p12.get(), pass.c_str(), static_cast<int>(pass.size())) != 1) {
    OPENSSL_cleanse(pass.data(), pass.size());
    ERR_clear_error();
    return file_error(file, "wrong PKCS#12 password (or the file is damaged)");
  }
  EVP_PKEY* pkey = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  const int ok = PKCS12_parse(p12.get(), pass.c_str(), &pkey, &cert, &ca);
  OPENSSL_cleanse(pass.data(), pass.size());
  ERR_clear_error();
  EvpPkeyPtr key(pkey);
  Certificates certs;
  if (cert != nullptr) certs.emplace_back(cert);
  for (int i = 0; ca != nullptr && i < sk_X509_num(ca); ++i) {
    certs.emplace_back(sk_X509_value(ca, i));
  }
  sk_X509_free(ca);  // the certificates now belong to `certs`
  if (ok != 1 || !key) return file_error(file, "the PKCS#12 file holds no private key");
  auto identity = assemble(std::move(key), std::move(certs));
  if (!identity) return file_error(file, identity.error());
  return std::move(*identity);
}

std::string SigningIdentity::subject() const {
  return subject_of(certificate());
}

}  // namespace lienthong::security
