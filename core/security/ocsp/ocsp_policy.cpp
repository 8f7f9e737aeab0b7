#include "core/security/ocsp/ocsp_policy.hpp"

#include "core/log/log.hpp"

namespace lienthong::security {

std::optional<OcspPolicy> parse_ocsp_policy(std::string_view text) {
  if (text == "hard-fail") return OcspPolicy::kHardFail;
  if (text == "soft-fail") return OcspPolicy::kSoftFail;
  return std::nullopt;
}

std::string_view to_string(OcspPolicy policy) {
  return policy == OcspPolicy::kHardFail ? "hard-fail" : "soft-fail";
}

std::string describe_ocsp_failure(const OcspOutcome& outcome, std::string_view what) {
  if (outcome) {
    const OcspAnswer& a = *outcome;
    switch (a.status) {
      case CertStatus::kGood:
        return {};
      case CertStatus::kRevoked: {
        std::string out = std::string(what) + " revoked";
        if (a.reason) out += " (" + crl_reason_name(*a.reason) + ")";
        if (a.revoked_at) out += " at " + format_utc(*a.revoked_at);
        return out;
      }
      case CertStatus::kUnknown:
        return std::string(what) + " status unknown to the OCSP responder";
    }
  }
  const OcspError& e = outcome.error();
  switch (e.kind) {
    case OcspErrorKind::kBadInput:
      return "cannot check " + std::string(what) + " with OCSP: " + e.detail;
    case OcspErrorKind::kNoResponder:
      return "no OCSP responder for the " + std::string(what) + ": " + e.detail;
    case OcspErrorKind::kUnreachable:
      return "OCSP responder unreachable: " + e.detail;
    case OcspErrorKind::kRefused:
      return "OCSP responder refused: " + e.detail;
    case OcspErrorKind::kBadResponse:
      return "OCSP response invalid: " + e.detail;
    case OcspErrorKind::kNotChecked:
      return "OCSP status not checked: " + e.detail;
  }
  return "OCSP check failed: " + e.detail;
}

Result<void, std::string> ocsp_verdict(const OcspOutcome& outcome, OcspPolicy policy,
                                       std::string_view what) {
  if (outcome && outcome->status == CertStatus::kGood) return {};
  std::string reason = describe_ocsp_failure(outcome, what);
  if (outcome && outcome->status == CertStatus::kRevoked) return reason;  // whatever the policy
  if (policy == OcspPolicy::kHardFail) return reason + " (hard-fail)";
  const std::string serial = outcome ? outcome->serial : outcome.error().serial;
  log::warn("ocsp.soft_fail", {{"serial", serial}, {"reason", reason}});
  return {};
}

}  // namespace lienthong::security
