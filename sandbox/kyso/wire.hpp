#pragma once

#include <cstddef>
#include <string_view>

/// The remote-signing wire contract (SmartCA-style) the kyso mock enforces and the hub's kyso
/// connector relies on (kyso/README.md shows whole messages). Every answer is the JSON envelope
/// `{"status_code": N, "message": "...", "data": {...} | null}` with HTTP status = N.
namespace lienthong::sandbox::kyso {

/// Everything under this prefix is the remote-signing API.
inline constexpr std::string_view kApiPrefix = "/v1/";
inline constexpr std::string_view kGetCertificatePath = "/v1/credentials/get_certificate";
inline constexpr std::string_view kSignPath = "/v1/signatures/sign";
/// `POST /v1/signatures/sign/{tran_id}/status`.
inline constexpr std::string_view kStatusSuffix = "/status";
inline constexpr std::string_view kJsonType = "application/json";

/// The testers' view of the signing transactions (kyso's own control route).
inline constexpr std::string_view kTransactionsControlPath = "/_sandbox/kyso/transactions";
/// The testers' answer in the holder's place: `POST /_sandbox/sign/{tran_id}/approve|reject`.
inline constexpr std::string_view kSignControlPrefix = "/_sandbox/sign/";
inline constexpr std::string_view kApproveAction = "approve";
inline constexpr std::string_view kRejectAction = "reject";

/// Messages the connector may match on.
inline constexpr std::string_view kSuccess = "success";
inline constexpr std::string_view kInvalidSpCredentials = "invalid sp credentials";
inline constexpr std::string_view kUnknownUser = "unknown user";
inline constexpr std::string_view kUnknownCertificate = "unknown certificate";
inline constexpr std::string_view kUnknownTransaction = "unknown transaction";
inline constexpr std::string_view kCertificateRevoked = "certificate revoked";
inline constexpr std::string_view kCertificateExpired = "certificate expired";
inline constexpr std::string_view kTransactionConflict =
    "transaction_id already used for a different request";

/// `cert_status` values.
inline constexpr std::string_view kCertValid = "VALID";
inline constexpr std::string_view kCertRevoked = "REVOKED";
inline constexpr std::string_view kCertExpired = "EXPIRED";

/// Limits of a sign request.
inline constexpr std::size_t kMaxSignFiles = 10;
inline constexpr std::size_t kMaxTransactionIdLength = 64;
inline constexpr std::size_t kMaxDocIdLength = 128;
inline constexpr std::size_t kMaxDescriptionLength = 255;  ///< characters (code points)
inline constexpr std::size_t kDigestHexLength = 64;        ///< a SHA-256 in hex
inline constexpr std::string_view kSignTypeHash = "hash";

}  // namespace lienthong::sandbox::kyso
