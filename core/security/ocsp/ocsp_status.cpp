#include "core/security/ocsp/ocsp_status.hpp"

#include <array>

namespace lienthong::security {

std::string_view to_string(CertStatus status) {
  switch (status) {
    case CertStatus::kGood:
      return "good";
    case CertStatus::kRevoked:
      return "revoked";
    case CertStatus::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view to_string(OcspErrorKind kind) {
  switch (kind) {
    case OcspErrorKind::kBadInput:
      return "bad input";
    case OcspErrorKind::kNoResponder:
      return "no responder";
    case OcspErrorKind::kUnreachable:
      return "unreachable";
    case OcspErrorKind::kRefused:
      return "refused";
    case OcspErrorKind::kBadResponse:
      return "bad response";
    case OcspErrorKind::kNotChecked:
      return "not checked";
  }
  return "bad response";
}

std::string crl_reason_name(int code) {
  // RFC 5280 §5.3.1; 7 is not used.
  static constexpr std::array<std::string_view, 11> kNames = {
      "unspecified",   "keyCompromise",        "cACompromise",    "affiliationChanged",
      "superseded",    "cessationOfOperation", "certificateHold", "",
      "removeFromCRL", "privilegeWithdrawn",   "aACompromise"};
  if (code >= 0 && code < static_cast<int>(kNames.size()) && !kNames[code].empty()) {
    return std::string(kNames[code]);
  }
  return "reason " + std::to_string(code);
}

std::string format_utc(std::time_t t) {
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "?";
  std::array<char, 32> buf{};
  const auto n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf.data(), n);
}

}  // namespace lienthong::security
