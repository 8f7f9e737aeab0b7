#pragma once

#include <memory>

#include "connectors/http/outgoing.hpp"
#include "core/pipeline/connector.hpp"

namespace lienthong::connectors {

/// How a connector type reads the far side's HTTP answer: success, or a Problem in that
/// system's own terms.
using AnswerClassifier = Result<pipeline::WireResponse> (*)(const http::Response& response,
                                                            std::string_view connector);

/// A connector whose transport is one HTTP request per exchange. Connector types differ in
/// what they check at load time and in how they classify answers.
class HttpConnector final : public pipeline::Connector {
 public:
  HttpConnector(config::ConnectorConfig config, Endpoint endpoint, http::HttpClient* client,
                AnswerClassifier classify);

  [[nodiscard]] boost::asio::awaitable<Result<pipeline::WireResponse>> call(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const override;

 private:
  config::ConnectorConfig config_;
  Endpoint endpoint_;
  http::HttpClient* client_;
  AnswerClassifier classify_;
};

/// Builds an HttpConnector after checking its base URL.
Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make_http_connector(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context,
    AnswerClassifier classify);

}  // namespace lienthong::connectors
