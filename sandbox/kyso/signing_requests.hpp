#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"
#include "sandbox/kyso/signing_transactions.hpp"

namespace lienthong::sandbox::kyso {

/// A refused request: the envelope's status_code (also the HTTP status) and message. Messages
/// name fields, never their values: requests carry personal data.
struct ApiError {
  int status = 400;
  std::string message;
};

/// The service provider account every request carries (`sp_id`, `sp_password`).
struct SpAccount {
  std::string sp_id;
  std::string sp_password;
};

/// The body of `request` as a JSON object; 400 unless `Content-Type: application/json`
/// (parameters allowed) and a JSON object.
Result<nlohmann::json, ApiError> read_json_body(const http::Request& request);

/// True when `body` carries `sp_id` and `sp_password` as strings equal to `account`'s
/// (compared in constant time). Missing, mistyped or wrong: false (401).
bool has_sp_credentials(const nlohmann::json& body, const SpAccount& account);

/// `POST /v1/credentials/get_certificate`.
struct CertificateQuery {
  std::string user_id;
  std::optional<std::string> serial_number;  ///< normalised; absent or null: every certificate
  std::string transaction_id;
};
/// Checks every field (user_id a 12-digit personal ID, serial_number hex, transaction_id
/// 1..64 characters, no unknown field); 400 naming each broken field.
Result<CertificateQuery, ApiError> read_certificate_query(const nlohmann::json& body);

/// `POST /v1/signatures/sign`.
struct SignOrder {
  std::string transaction_id;
  SigningContent content;
};
/// Checks every field: user_id, serial_number (hex), transaction_desc (1..255 characters),
/// transaction_id (1..64), sign_files (1..10 of {data_to_be_signed: 64 hex digits, doc_id
/// non-empty and unique, file_type pdf|xml|p7s, sign_type "hash"}), no unknown field at either
/// level; 400 naming each broken field.
Result<SignOrder, ApiError> read_sign_order(const nlohmann::json& body);

/// `POST /v1/signatures/sign/{tran_id}/status`: nothing but the credentials.
Result<void, ApiError> read_status_query(const nlohmann::json& body);

}  // namespace lienthong::sandbox::kyso
