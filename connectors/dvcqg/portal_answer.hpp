#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/config/hub_config.hpp"
#include "core/http/types.hpp"
#include "core/pipeline/exchange.hpp"

/// The pure parts of the national portal's protocol: what its answers mean and how a call is
/// wrapped. No I/O; the session logic lives in dvcqg_connector.cpp.
namespace lienthong::connectors::dvcqg {

/// What one portal answer means for the hub.
enum class AnswerKind {
  kOk,              ///< error_code 0
  kSessionExpired,  ///< log in again and retry once
  kAlreadyExists,   ///< a create of a dossier the portal has ("đã tồn tại"): retry as update
  kRefused,         ///< the portal refused the content (validation, order): 400-class
  kNotFound,        ///< no such dossier or procedure: 404
  kFailed,          ///< anything else: 502
};

struct PortalAnswer {
  AnswerKind kind = AnswerKind::kFailed;
  unsigned http_status = 0;
  std::string code;     ///< error_code as text
  std::string message;  ///< the portal's message, shortened
};

/// Reads `{"error_code", "message", ...}` from an HTTP answer of `{adapter}/integration`.
/// The portal's error codes (sandbox/dvcqg/wire.hpp): 2 session expired, 3 invalid data,
/// 4 exists, 5 not found, 6 out of order; an expired session is also recognised by its message.
PortalAnswer read_answer(unsigned http_status, std::string_view body);

/// The Problem for an answer that is not kOk, with the portal's code and message in `upstream`.
Problem to_problem(const PortalAnswer& answer, std::string_view connector);

/// The session token of a login answer `{"error_code":0,"session":"…"}`, or a 502 Problem
/// ("the portal refused the hub's login") carrying the portal's message.
Result<std::string> read_login_answer(unsigned http_status, std::string_view body,
                                      std::string_view connector);

/// `{"username","password"}` of a login. Holds secrets: never log it.
std::string login_body(const config::SessionAuthConfig& auth);

/// The body of an integration call: the mapped payload (a JSON object naming its `service`)
/// plus the session and the agency code. A mapping that produced something else is an error.
Result<std::string> envelope(std::string_view mapped_payload, const std::string& session,
                             const std::string& madonvi);

/// True when the mapped payload creates dossiers (`DongBoHoSoMC` with `isUpdating` false).
bool creates_dossiers(std::string_view mapped_payload);
/// The same payload with `isUpdating` true (the retry after "đã tồn tại").
std::string as_update(std::string_view mapped_payload);

}  // namespace lienthong::connectors::dvcqg
