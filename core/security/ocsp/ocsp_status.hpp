#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::security {

/// The three answers of RFC 6960 §2.2.
enum class CertStatus { kGood, kRevoked, kUnknown };

std::string_view to_string(CertStatus status);

/// A verified OCSP answer about one certificate.
struct OcspAnswer {
  CertStatus status = CertStatus::kUnknown;
  std::string serial;                     ///< upper-case hex serial of the certificate asked about
  std::optional<std::time_t> revoked_at;  ///< kRevoked only
  std::optional<int> reason;              ///< CRLReason code (RFC 5280 §5.3.1), when given
  std::time_t this_update = 0;
  std::optional<std::time_t> next_update;
  bool from_cache = false;
};

/// Why no answer could be had.
enum class OcspErrorKind {
  kBadInput,     ///< the certificate or issuer given cannot be asked about
  kNoResponder,  ///< no responder URL (no AIA OCSP entry and no override)
  kUnreachable,  ///< the transport failed: connection, timeout, HTTP error status
  kRefused,      ///< the responder answered a non-successful status (tryLater, internalError...)
  kBadResponse,  ///< the answer is not a valid, signed, fresh answer to our question
  kNotChecked,   ///< a cache-only lookup found no answer (the asynchronous check did not run)
};

std::string_view to_string(OcspErrorKind kind);

struct OcspError {
  OcspErrorKind kind = OcspErrorKind::kBadResponse;
  std::string detail;  ///< never holds personal data: serials, URLs and OpenSSL reasons only
  std::string serial;  ///< upper-case hex serial of the certificate, when known
};

using OcspOutcome = Result<OcspAnswer, OcspError>;

/// RFC 5280 name of a CRLReason code ("keyCompromise"), "reason N" for codes it does not name.
std::string crl_reason_name(int code);

/// `2026-01-31T08:00:00Z`.
std::string format_utc(std::time_t t);

}  // namespace lienthong::security
