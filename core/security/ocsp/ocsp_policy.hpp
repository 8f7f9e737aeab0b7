#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/security/ocsp/ocsp_status.hpp"

namespace lienthong::security {

/// What a caller does when OCSP cannot vouch for a certificate (responder unreachable, answer
/// invalid, status unknown). A "revoked" answer is refused under both.
enum class OcspPolicy {
  kHardFail,  ///< refuse
  kSoftFail,  ///< accept, with a warning in the log
};

/// "hard-fail" / "soft-fail" (config spelling); nullopt for anything else.
std::optional<OcspPolicy> parse_ocsp_policy(std::string_view text);
std::string_view to_string(OcspPolicy policy);

/// Turns an outcome into accept/refuse under `policy`. `what` names the certificate in the
/// reason ("signer certificate"). Reasons look like
///   "signer certificate revoked (keyCompromise) at 2026-01-31T08:00:00Z"
///   "OCSP responder unreachable: connection refused (hard-fail)"
///   "signer certificate status unknown to the OCSP responder (hard-fail)"
/// Under soft-fail an accepted failure is logged as `ocsp.soft_fail` with the serial number and
/// the reason only (no subject, no personal data).
Result<void, std::string> ocsp_verdict(const OcspOutcome& outcome, OcspPolicy policy,
                                       std::string_view what = "certificate");

/// The reason part of a refusal, without the policy suffix (used by the TrustStore adapter).
std::string describe_ocsp_failure(const OcspOutcome& outcome, std::string_view what);

}  // namespace lienthong::security
