#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/pipeline/answer.hpp"

namespace lienthong::pipeline {

/// The answer of an operation with `"answer_as": "document"` (a receipt, a signed file): its
/// canonical response is `{fileName, contentType, contentBase64}`. The caller gets the file's
/// bytes with its media type and a Content-Disposition — unless its Accept header prefers
/// application/json to that type, when it gets the canonical JSON as it is. kInternal when the
/// response mapping did not write the three fields (a broken deployment, not the caller's fault).
Result<Answer> document_answer(int status, const nlohmann::json& response, std::string_view accept);

/// The quality (RFC 9110 §12.5.1) that the Accept header `accept` gives `media_type`: the best
/// of its matching ranges (`type/subtype`, `type/*`, `*/*`); 1 when there is no header, 0 when
/// nothing matches.
double accept_quality(std::string_view accept, std::string_view media_type);

}  // namespace lienthong::pipeline
