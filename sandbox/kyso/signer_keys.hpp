#pragma once

#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/security/certificates/signing_identity.hpp"
#include "sandbox/kyso/ca_index.hpp"
#include "sandbox/kyso/signer_accounts.hpp"

namespace lienthong::sandbox::kyso {

/// A certificate's state as the CA reports it in `cert_status`.
enum class CertStatus { kValid, kRevoked, kExpired };
/// `VALID`, `REVOKED`, `EXPIRED`.
std::string_view to_string(CertStatus status);

/// One holder's certificate and key, with what `get_certificate` reports of it.
struct SignerCertificate {
  security::SigningIdentity identity;
  std::string serial_hex;  ///< OpenSSL's BN_bn2hex, lowercased
  std::string cert_id;     ///< UUID-shaped, from the certificate's SHA-256 fingerprint
  std::string subject;     ///< RFC 2253
  std::string der_base64;  ///< the certificate, base64 DER on one line
  std::string valid_from;  ///< ISO 8601 UTC, `2026-01-02T03:04:05Z`
  std::string valid_to;
  std::time_t not_before = 0;
  std::time_t not_after = 0;
  IndexStatus index_status = IndexStatus::kValid;  ///< the CA database's word on it

  /// REVOKED when the index says so; EXPIRED when the index says so or `now` is past notAfter.
  [[nodiscard]] CertStatus status_at(std::time_t now) const;
};

/// `2026-01-02T03:04:05Z`.
std::string iso_utc(std::time_t t);

/// The holders' certificates and keys, read once from the dev PKI (certs/gen-dev-pki.sh):
/// `<certificate>.pem` and `<certificate>-key.pem` of every account, the issuing intermediate
/// `intermediate-ca.pem` with its database `intermediate-index.txt`, and `root-ca.pem`.
/// Immutable after load: thread-safe.
class SignerKeyring {
 public:
  /// The files of `accounts` that `certs_dir` lacks (a dev PKI made before the signers);
  /// empty when every one is there.
  static std::vector<std::filesystem::path> missing_files(const SignerAccounts& accounts,
                                                          const std::filesystem::path& certs_dir);

  /// Loads every account's identity. Each must be an RSA key with its certificate, issued (and
  /// signed) by the intermediate and listed in its database; an error names the account's line
  /// in the data file and the certificate file.
  static Result<SignerKeyring, config::ConfigErrors> load(const SignerAccounts& accounts,
                                                          const std::filesystem::path& certs_dir);

  /// The certificate of the account `user_id`; null when none.
  [[nodiscard]] const SignerCertificate* of(std::string_view user_id) const;
  /// Another account's certificate than `user_id`'s (the key of a `bad-signature` fault).
  [[nodiscard]] const SignerCertificate* other_than(std::string_view user_id) const;
  /// The issuing CA and the root, base64 DER (`chain_data`).
  [[nodiscard]] const std::string& ca_cert() const { return ca_cert_; }
  [[nodiscard]] const std::string& root_cert() const { return root_cert_; }

 private:
  std::map<std::string, SignerCertificate, std::less<>> by_user_;
  std::string ca_cert_;
  std::string root_cert_;
};

}  // namespace lienthong::sandbox::kyso
