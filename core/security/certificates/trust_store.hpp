#pragma once

#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::security {

/// Why an online revocation check (OCSP, added later) did not vouch for a certificate.
struct RevocationFailure {
  bool revoked = false;  ///< true: the responder says revoked; false: the status is unknown
  std::string reason;    ///< e.g. "keyCompromise", "OCSP responder unreachable"
};

/// Asked about a certificate that already chains to a trust anchor, with its issuer. Returning
/// an error refuses the certificate (fail closed); a soft-fail policy returns success instead.
using RevocationCheck = std::function<Result<void, RevocationFailure>(X509* cert, X509* issuer)>;

/// Trust anchors, known intermediates and CRLs: answers "may we believe this certificate at
/// time T, and if not, why". Immutable after loading apart from the revocation hook; copies
/// share the certificates. Thread-safe for concurrent verify() calls.
class TrustStore {
 public:
  /// Trusts nothing: every verify() fails with "certificate not trusted: ...".
  TrustStore();

  /// Loads anchors (self-signed roots), intermediates and CRLs from PEM or DER files; each file
  /// may hold several PEM blocks. Errors name the file.
  static Result<TrustStore, config::ConfigError> load(
      const std::vector<std::filesystem::path>& anchors,
      const std::vector<std::filesystem::path>& intermediates = {},
      const std::vector<std::filesystem::path>& crls = {});

  /// A store from objects already in memory.
  static TrustStore from(Certificates anchors, Certificates intermediates = {}, Crls crls = {});

  /// Installs the hook asked after a successful chain verification (OCSP comes later).
  void set_revocation_check(RevocationCheck check) { revocation_check_ = std::move(check); }

  /// Verifies `leaf` at time `at` (default: now), building the chain from the store's
  /// intermediates and `untrusted` (e.g. certificates a message carried). `extra_crls` (e.g.
  /// CRLs a message carried) can only add revocations. The error is one of these stable phrases:
  /// "certificate revoked", "certificate revoked: <hook reason>", "certificate expired",
  /// "certificate not yet valid", "certificate revocation status unknown: <reason>",
  /// "certificate not trusted: <OpenSSL reason>".
  [[nodiscard]] Result<void, std::string> verify(X509* leaf, std::span<X509* const> untrusted = {},
                                                 std::optional<std::time_t> at = {},
                                                 std::span<X509_CRL* const> extra_crls = {}) const;

  [[nodiscard]] std::size_t anchor_count() const { return material_->anchors.size(); }

 private:
  /// Chains that verified, by the exact certificates asked about (held, so their addresses
  /// stay theirs): a peer shows the same chain in every message, and re-verifying it costs an
  /// RSA operation per CA. Used only without CRLs, and only for a time within every
  /// certificate's validity; revocation (the hook) is still asked each time.
  struct VerifiedChain {
    std::vector<X509Ptr> held;  ///< leaf then untrusted, as asked
    X509Ptr issuer;
    std::time_t valid_from = 0;
    std::time_t valid_until = 0;
  };
  struct ChainMemo {
    std::mutex mutex;
    std::map<std::vector<X509*>, VerifiedChain> chains;
  };
  struct Material {
    Certificates anchors;
    Certificates intermediates;
    Crls crls;
    mutable ChainMemo memo;
  };
  explicit TrustStore(std::shared_ptr<const Material> material) : material_(std::move(material)) {}
  [[nodiscard]] Result<void, std::string> check_revocation(X509* leaf, X509* issuer) const;

  std::shared_ptr<const Material> material_;
  RevocationCheck revocation_check_;
};

}  // namespace lienthong::security
