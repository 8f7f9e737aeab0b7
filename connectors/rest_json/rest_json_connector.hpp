#pragma once

#include <memory>

#include "connectors/http/outgoing.hpp"
#include "core/pipeline/connector.hpp"

namespace lienthong::connectors {

/// A REST/JSON system (the business registry `dkdn`, and any other plain JSON API): HTTP
/// status classes carry success or failure; 404 means "no such record".
class RestJsonConnector final : public pipeline::Connector {
 public:
  static constexpr std::string_view kName = "rest-json";

  static Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make(
      const config::ConnectorConfig& config, const pipeline::ConnectorContext& context);

  RestJsonConnector(config::ConnectorConfig config, Endpoint endpoint, http::HttpClient* client);

  [[nodiscard]] boost::asio::awaitable<Result<pipeline::WireResponse>> call(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const override;

 private:
  config::ConnectorConfig config_;
  Endpoint endpoint_;
  http::HttpClient* client_;
};

/// The pure part: classify an HTTP answer from a JSON system.
Result<pipeline::WireResponse> classify_json_answer(const http::Response& response,
                                                    std::string_view connector);

}  // namespace lienthong::connectors
