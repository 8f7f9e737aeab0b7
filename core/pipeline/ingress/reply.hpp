#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"
#include "core/pipeline/exchange.hpp"

namespace lienthong::pipeline {

/// What a door decided to answer, before it is HTTP: a status, a JSON body and the headers that
/// belong to this answer only (Location, Preference-Applied).
struct Answer {
  int status = 200;
  nlohmann::json body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// A door's decision for one request: the answer, or the problem that refuses it.
using Outcome = Result<Answer>;

/// What the exit needs to know of the request beyond the outcome.
struct ExitOptions {
  std::string_view allow = "POST";  ///< the Allow header of a 405
  /// The connection's client certificate was refused: a refusal closes the connection, so a
  /// retry gets a fresh check.
  bool close_on_problem = false;
};

/// THE exit of both doors (/v1/... and /inbound/...): the outcome becomes the HTTP response
/// (a problem through core/http's problem_response), is stamped with the exchange's ids and
/// is logged, once.
http::Response reply(const Outcome& outcome, const Exchange& exchange, const http::Request& request,
                     const ExitOptions& options = {});

}  // namespace lienthong::pipeline
