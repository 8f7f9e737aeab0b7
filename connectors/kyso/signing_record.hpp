#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lienthong::connectors::kyso {

/// The hub's record of one remote signature (core/store state records), id = the message id:
///
///   requested ──sign accepted──▶ awaiting_approval ──SUCCESS, value verifies──▶ approved
///       │                            │  │  │                                        │
///       │                    REJECTED │  │ EXPIRED / deadline        stamped, embedded, stored
///       ▼                            ▼  ▼  ▼                                        ▼
///   (CA refused: dead)          rejected  expired  refused (value does not verify)  signed
///
/// Everything a later attempt needs is in the record, so polling survives restarts: the
/// preparation (what was hashed), the certificate, the CA's transaction, the signature value.
inline constexpr std::string_view kSignatureKind = "signature";

inline constexpr std::string_view kRequested = "requested";
inline constexpr std::string_view kAwaitingApproval = "awaiting_approval";
inline constexpr std::string_view kApproved = "approved";
inline constexpr std::string_view kSigned = "signed";
inline constexpr std::string_view kRejected = "rejected";
inline constexpr std::string_view kExpired = "expired";
inline constexpr std::string_view kRefused = "refused";

/// The signature formats: PAdES in the PDF, XAdES in the XML, or a detached CMS (.p7s).
enum class Format { kPades, kXades, kCms };
std::string_view to_string(Format format);
std::optional<Format> parse_format(std::string_view text);

struct SigningData {
  Format format = Format::kCms;
  std::string serial_number;         ///< of the signer certificate, as the CA wrote it
  std::string certificate;           ///< base64 DER
  std::vector<std::string> chain;    ///< base64 DER
  std::int64_t signing_time_ms = 0;  ///< fixed at preparation (the PDF's /M, signing-time)
  std::int64_t requested_at_ms = 0;  ///< first sign request: the approval deadline counts from it
  std::string digest_to_sign;        ///< hex SHA-256 the CA signs
  std::string signed_attributes;     ///< hex DER of the CMS signed attributes (PAdES, CMS)
  std::string content_sha256;        ///< hex: the document (CMS) or its byte ranges (PAdES)
  std::string tran_id;               ///< the CA's transaction
  std::string tran_code;             ///< the code shown on the signer's phone
  std::string signature_value;       ///< base64, once approved and verified
  std::string reason;                ///< why it ended (rejected, expired, refused)
  std::string document_id;           ///< the signed document, once signed
};

nlohmann::json to_json(const SigningData& data);
/// Reads what to_json wrote; missing members stay empty.
SigningData read_signing_data(std::string_view text);

}  // namespace lienthong::connectors::kyso
