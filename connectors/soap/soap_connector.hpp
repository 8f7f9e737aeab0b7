#pragma once

#include <memory>

#include "connectors/http/outgoing.hpp"
#include "core/pipeline/connector.hpp"

namespace lienthong::connectors {

/// A SOAP 1.1 system (the population registry `dancu`): requests are XML bodies built by an
/// XML template mapping; a Fault in the answer is a failure whatever the HTTP status.
class SoapConnector final : public pipeline::Connector {
 public:
  static constexpr std::string_view kName = "soap";

  static Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make(
      const config::ConnectorConfig& config, const pipeline::ConnectorContext& context);

  SoapConnector(config::ConnectorConfig config, Endpoint endpoint, http::HttpClient* client);

  [[nodiscard]] boost::asio::awaitable<Result<pipeline::WireResponse>> call(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const override;

 private:
  config::ConnectorConfig config_;
  Endpoint endpoint_;
  http::HttpClient* client_;
};

/// The pure part: classify an HTTP answer from a SOAP system.
Result<pipeline::WireResponse> classify_soap_answer(const http::Response& response,
                                                    std::string_view connector);

}  // namespace lienthong::connectors
