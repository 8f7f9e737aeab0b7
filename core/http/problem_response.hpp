#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"

namespace lienthong::http {

/// Where a problem happened, as far as the caller may know it.
struct ProblemContext {
  std::string instance;   ///< the message id, when one was assigned
  std::string connector;  ///< connector id, when the route named one
  std::string operation;  ///< operation name, when the route named one
};

/// Base of every problem `type` URI; the kind's slug is appended.
inline constexpr std::string_view kProblemTypeBase = "https://lienthong.dev/problems/";

/// The RFC 9457 JSON body for `problem` (exposed for tests and for logging the shape).
nlohmann::json problem_json(const Problem& problem, const ProblemContext& context);

/// THE one place where a Problem becomes HTTP: status from the kind,
/// `application/problem+json` body, `Retry-After` when the problem says when to come back.
Response problem_response(const Problem& problem, const ProblemContext& context,
                          unsigned http_version, bool keep_alive);

/// A response of `content_type` carrying `body` as it is (a document), with Content-Length set.
Response bytes_response(int status, std::string_view content_type, std::string body,
                        unsigned http_version, bool keep_alive);

/// A JSON response (`application/json`) with Content-Length set.
Response json_response(int status, const nlohmann::json& body, unsigned http_version,
                       bool keep_alive);

}  // namespace lienthong::http
