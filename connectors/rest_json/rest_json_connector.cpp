#include "connectors/rest_json/rest_json_connector.hpp"

#include "core/http/client.hpp"

namespace lienthong::connectors {

namespace bhttp = boost::beast::http;

Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> RestJsonConnector::make(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context) {
  auto endpoint = parse_endpoint(config);
  if (!endpoint) return std::move(endpoint).error();
  return std::shared_ptr<const pipeline::Connector>(
      std::make_shared<RestJsonConnector>(config, std::move(endpoint).value(), context.client));
}

RestJsonConnector::RestJsonConnector(config::ConnectorConfig config, Endpoint endpoint,
                                     http::HttpClient* client)
    : config_(std::move(config)), endpoint_(std::move(endpoint)), client_(client) {}

Result<pipeline::WireResponse> classify_json_answer(const http::Response& response,
                                                    std::string_view connector) {
  unsigned status = response.result_int();
  std::string name(connector);
  if (status == 404) {
    Problem p = Problem::make(ProblemKind::kUpstreamNotFound, name + " has no such record");
    p.upstream = upstream_from_status(status, response.body());
    return p;
  }
  if (status < 200 || status >= 300) {
    Problem p = Problem::make(ProblemKind::kUpstreamError,
                              name + " answered HTTP " + std::to_string(status));
    if (status == 401 || status == 403) p.detail += ": it refused the hub's credentials";
    p.upstream = upstream_from_status(status, response.body());
    return p;
  }
  return pipeline::WireResponse{status, std::string(response[bhttp::field::content_type]),
                                response.body()};
}

boost::asio::awaitable<Result<pipeline::WireResponse>> RestJsonConnector::call(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange) const {
  auto request = build_request(config_, endpoint_, operation, exchange);
  auto response =
      co_await client_->send(endpoint_.origin, std::move(request), timeout_for(config_, operation));
  if (!response) co_return std::move(response).error();
  co_return classify_json_answer(*response, config_.id);
}

}  // namespace lienthong::connectors
