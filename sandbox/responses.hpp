#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"

namespace lienthong::sandbox {

/// A response to `request` (same HTTP version and keep-alive) with a body of `content_type`.
http::Response make_response(const http::Request& request, http::beast::http::status status,
                             std::string_view content_type, std::string body);

/// `application/json; charset=utf-8`. Invalid UTF-8 inside strings is replaced, never thrown.
http::Response json_response(const http::Request& request, http::beast::http::status status,
                             const nlohmann::json& body);

/// RFC 9457 `application/problem+json` for the sandbox's own control API.
http::Response problem_response(const http::Request& request, ProblemKind kind, std::string detail,
                                const std::vector<FieldError>& errors = {});

/// Serialises JSON without throwing on invalid UTF-8 (it is replaced by U+FFFD).
std::string dump_json(const nlohmann::json& value, int indent = -1);

}  // namespace lienthong::sandbox
