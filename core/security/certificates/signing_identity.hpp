#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::security {

/// A private key with its certificate (and the intermediates that chain it to a trust anchor),
/// loaded once at start-up and shared read-only by every signing call. Copies share the key.
class SigningIdentity {
 public:
  /// Loads a PEM private key (PKCS#8 or traditional; encrypted only when `key_password` is
  /// given) and a PEM/DER certificate file that may also hold the chain. The certificate whose
  /// public key matches the private key is the signer; the others are its chain.
  static Result<SigningIdentity, config::ConfigError> load_pem(
      const std::filesystem::path& key_file, const std::filesystem::path& cert_file,
      std::string_view key_password = {});

  /// Loads a PKCS#12 file. `password` is the secret the caller resolved (from an environment
  /// variable or a file); it is never logged nor put in an error.
  static Result<SigningIdentity, config::ConfigError> load_pkcs12(const std::filesystem::path& file,
                                                                  std::string_view password);

  /// Builds an identity from objects already in memory (tests, key stores).
  static Result<SigningIdentity, std::string> from(EvpPkeyPtr key, X509Ptr certificate,
                                                   Certificates chain = {});

  [[nodiscard]] EVP_PKEY* key() const { return state_->key.get(); }
  [[nodiscard]] X509* certificate() const { return state_->certificate.get(); }
  /// Intermediates (never the signer itself), in file order.
  [[nodiscard]] const Certificates& chain() const { return state_->chain; }
  /// RFC 2253 subject of the signer certificate.
  [[nodiscard]] std::string subject() const;

 private:
  struct State {
    EvpPkeyPtr key;
    X509Ptr certificate;
    Certificates chain;
  };
  explicit SigningIdentity(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace lienthong::security
