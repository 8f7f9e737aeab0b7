#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/store/record.hpp"

namespace lienthong::pipeline {

/// Files the hub made for a client (a signed document) are kept as state records of this kind,
/// beside the messages, and served by `GET /v1/documents/{id}` to that client only.
inline constexpr std::string_view kDocumentKind = "document";

/// The record of a made file: `document` is its canonical `{fileName, contentType,
/// contentBase64}`; `detail` is what the record adds for people (sizes, digests, no personal
/// data). Its id is `id` (one document per message: the message id).
store::NewRecord document_record(std::string id, std::string client, const nlohmann::json& document,
                                 const nlohmann::json& detail);

/// `/v1/documents/{id}` -> id (not yet checked); nullopt for other paths.
std::optional<std::string> parse_document_target(std::string_view target);

}  // namespace lienthong::pipeline
