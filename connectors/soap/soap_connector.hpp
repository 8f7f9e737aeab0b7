#pragma once

#include "connectors/http/http_connector.hpp"

namespace lienthong::connectors {

/// Connector type `soap`: a SOAP 1.1 system (the population registry `dancu`). Requests are
/// XML bodies built by an XML template mapping; a Fault in the answer is a failure whatever the
/// HTTP status.
struct SoapConnector {
  static constexpr std::string_view kName = "soap";

  static Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make(
      const config::ConnectorConfig& config, const pipeline::ConnectorContext& context);
};

/// The pure part: classify an HTTP answer from a SOAP system.
Result<pipeline::WireResponse> classify_soap_answer(const http::Response& response,
                                                    std::string_view connector);

}  // namespace lienthong::connectors
