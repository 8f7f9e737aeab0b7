#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "connectors/kyso/signing_record.hpp"
#include "core/base/problem.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::connectors::kyso {

/// What a sign-document request asks for: the signer (from the mapped request) and the
/// document (from the canonical request's `/document`, read there directly so that a 10 MiB
/// file is never copied through the mapping).
struct SignRequest {
  std::string user_id;
  std::string serial_number;  ///< empty: the signer's first certificate
  std::string reason;
  std::string location;
  std::string file_name;
  std::string content_type;
  std::string content;  ///< the document's bytes
  Format format = Format::kCms;
};

/// The document part of a canonical request (`/document/{fileName, contentType,
/// contentBase64}`, `/signature`: embedded | detached): the format is PAdES for a PDF, XAdES
/// for an XML, a detached CMS when asked or for any other file. kInvalid (the caller's 400)
/// when the base64 does not decode, or an embedded signature is asked for another type.
Result<SignRequest> read_document(const nlohmann::json& canonical);
/// The signer part of the mapped wire request (`user_id`, `serial_number`, `reason`,
/// `location`), added to `request`.
Result<void> read_signer(const nlohmann::json& wire, SignRequest& request);

/// The arrival check of the document, before anyone is called: a PDF must be one the hub can
/// sign (not encrypted, a structure it can update), an XML well-formed without a DTD. kInvalid
/// with the reason otherwise.
Result<void> admit_document(const SignRequest& request, std::size_t reserved_signature_bytes);

/// What the CA signs for `request`, fixed at `signing_time`: fills `digest_to_sign`,
/// `signed_attributes` (PAdES, CMS) and `content_sha256` (hex) in `data`.
Result<void> prepare_document(const SignRequest& request, const X509* signer,
                              const security::Certificates& chain,
                              std::chrono::system_clock::time_point signing_time,
                              std::size_t reserved_signature_bytes, SigningData& data);

/// True when `signature_value` (raw) is the signer key's signature of the prepared digest.
bool value_verifies(const X509* signer, const SigningData& data, std::string_view signature_value);

/// Whether the format carries a signature timestamp (PAdES B-T and CMS do; the XAdES-BES
/// made here does not), and the imprint the TSA must stamp (SHA-256 of the signature value).
bool wants_timestamp(Format format);
std::string timestamp_imprint(std::string_view signature_value);

/// A signed file.
struct SignedFile {
  std::string file_name;
  std::string content_type;
  std::string bytes;
};

/// The signed file, made again from the request and the stored preparation (checked to give
/// the same digest) with the CA's `signature_value` and the timestamp `token` (DER, empty for
/// XAdES): the PDF or XML with its signature, or the detached `.p7s`.
Result<SignedFile> signed_document(const SignRequest& request, const X509* signer,
                                   const security::Certificates& chain,
                                   std::size_t reserved_signature_bytes, const SigningData& data,
                                   std::string_view signature_value, std::string_view token);

}  // namespace lienthong::connectors::kyso
