#include "core/security/ocsp/ocsp_revocation_hook.hpp"

namespace lienthong::security {

Result<void, RevocationFailure> to_revocation_result(const OcspOutcome& outcome, OcspPolicy policy,
                                                     std::string_view what) {
  auto verdict = ocsp_verdict(outcome, policy, what);
  if (verdict) return {};
  if (outcome && outcome->status == CertStatus::kRevoked) {
    // The TrustStore says "certificate revoked: " itself.
    std::string reason = outcome->reason ? crl_reason_name(*outcome->reason) : "reason not given";
    if (outcome->revoked_at) reason += " at " + format_utc(*outcome->revoked_at);
    return RevocationFailure{true, std::move(reason)};
  }
  return RevocationFailure{false, std::move(verdict).error()};
}

RevocationCheck cached_ocsp_revocation_check(OcspChecker checker, OcspPolicy policy) {
  return [checker = std::move(checker), policy](X509* cert, X509* issuer) {
    if (auto answer = checker.cached(cert, issuer)) return to_revocation_result(*answer, policy);
    return to_revocation_result(
        OcspError{OcspErrorKind::kNotChecked, "no fresh OCSP answer at hand for this certificate",
                  serial_hex(cert)},
        policy);
  };
}

}  // namespace lienthong::security
