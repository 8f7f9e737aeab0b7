#pragma once

#include "connectors/http/http_connector.hpp"

namespace lienthong::connectors {

/// Connector type `rest-json`: a plain JSON API (the business registry `dkdn`). HTTP status
/// classes carry success or failure; 404 means "no such record".
struct RestJsonConnector {
  static constexpr std::string_view kName = "rest-json";

  static Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make(
      const config::ConnectorConfig& config, const pipeline::ConnectorContext& context);
};

/// The pure part: classify an HTTP answer from a JSON system.
Result<pipeline::WireResponse> classify_json_answer(const http::Response& response,
                                                    std::string_view connector);

}  // namespace lienthong::connectors
