#include "core/pipeline/async/stored_document.hpp"

namespace lienthong::pipeline {

store::NewRecord document_record(std::string id, std::string client, const nlohmann::json& document,
                                 const nlohmann::json& detail) {
  store::NewRecord r;
  r.kind = std::string(kDocumentKind);
  r.id = std::move(id);
  r.client = std::move(client);
  r.state = "ready";
  nlohmann::json data = detail.is_object() ? detail : nlohmann::json::object();
  data["document"] = document;
  r.data = data.dump();
  r.cause = "made";
  return r;
}

std::optional<std::string> parse_document_target(std::string_view target) {
  auto path = target.substr(0, target.find('?'));
  constexpr std::string_view kPrefix = "/v1/documents/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  return std::string(path.substr(kPrefix.size()));
}

}  // namespace lienthong::pipeline
