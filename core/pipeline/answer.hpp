#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::pipeline {

/// What a door decided to answer, before it is HTTP: a status, a JSON body and the headers that
/// belong to this answer only (Location, Preference-Applied).
struct Answer {
  int status = 200;
  nlohmann::json body;
  std::vector<std::pair<std::string, std::string>> headers;
  /// A document answer (document_answer.hpp): when set, the response carries `document` of this
  /// media type instead of the JSON body.
  std::string document_type;
  std::string document;
};

/// A door's decision for one request: the answer, or the problem that refuses it.
using Outcome = Result<Answer>;

}  // namespace lienthong::pipeline
