#include "connectors/http/http_connector.hpp"

#include "core/http/client.hpp"

namespace lienthong::connectors {

HttpConnector::HttpConnector(config::ConnectorConfig config, Endpoint endpoint,
                             http::HttpClient* client, AnswerClassifier classify)
    : config_(std::move(config)),
      endpoint_(std::move(endpoint)),
      client_(client),
      classify_(classify) {}

boost::asio::awaitable<Result<pipeline::WireResponse>> HttpConnector::call(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange) const {
  auto request = build_request(config_, endpoint_, operation, exchange);
  auto response =
      co_await client_->send(endpoint_.origin, std::move(request), timeout_for(config_, operation));
  if (!response) co_return std::move(response).error();
  auto answer = classify_(*response, config_.id);
  if (answer) co_return std::move(answer).value();
  // The far side said it failed: keep its answer, so that a signed connector's verification
  // sees it before the failure ends the chain.
  auto failure = std::move(answer).error();
  failure.retry_after_seconds = retry_after_seconds(*response);
  co_return pipeline::WireResponse{
      response->result_int(), std::string((*response)[boost::beast::http::field::content_type]),
      std::move(response->body()), std::move(failure)};
}

Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make_http_connector(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context,
    AnswerClassifier classify) {
  auto endpoint = parse_endpoint(config);
  if (!endpoint) return std::move(endpoint).error();
  return std::shared_ptr<const pipeline::Connector>(std::make_shared<HttpConnector>(
      config, std::move(endpoint).value(), context.client_for(config.id), classify));
}

}  // namespace lienthong::connectors
