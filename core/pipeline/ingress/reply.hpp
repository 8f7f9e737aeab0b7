#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"
#include "core/pipeline/answer.hpp"
#include "core/pipeline/exchange.hpp"

namespace lienthong::pipeline {

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
