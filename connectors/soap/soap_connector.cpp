#include "connectors/soap/soap_connector.hpp"

#include "connectors/soap/soap_fault.hpp"
#include "core/http/client.hpp"

namespace lienthong::connectors {

namespace bhttp = boost::beast::http;

Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> SoapConnector::make(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context) {
  auto endpoint = parse_endpoint(config);
  if (!endpoint) return std::move(endpoint).error();
  config::ConfigErrors errors;
  for (const auto& [name, op] : config.operations) {
    if (op.request_as != "xml-body" || op.response_format != "xml" || op.method != "POST") {
      errors.push_back({config.file.string(), 0, "operations." + name,
                        "a soap operation is a POST with request_as xml-body and "
                        "response_format xml"});
    }
    if (!op.headers.contains("SOAPAction")) {
      errors.push_back({config.file.string(), 0, "operations." + name + ".headers",
                        "a soap operation needs its SOAPAction header"});
    }
  }
  if (!errors.empty()) return errors;
  return std::shared_ptr<const pipeline::Connector>(
      std::make_shared<SoapConnector>(config, std::move(endpoint).value(), context.client));
}

SoapConnector::SoapConnector(config::ConnectorConfig config, Endpoint endpoint,
                             http::HttpClient* client)
    : config_(std::move(config)), endpoint_(std::move(endpoint)), client_(client) {}

Result<pipeline::WireResponse> classify_soap_answer(const http::Response& response,
                                                    std::string_view connector) {
  unsigned status = response.result_int();
  std::string name(connector);
  auto answer = read_soap_answer(response.body(), static_cast<int>(status));
  if (answer.fault) {
    Problem p = Problem::make(ProblemKind::kUpstreamError, name + " answered with a SOAP fault");
    p.upstream = std::move(answer.fault);
    return p;
  }
  if (status < 200 || status >= 300) {
    Problem p = Problem::make(ProblemKind::kUpstreamError,
                              name + " answered HTTP " + std::to_string(status));
    p.upstream = Upstream{static_cast<int>(status), {}, {}};
    return p;
  }
  if (!answer.envelope) {
    Problem p = Problem::make(ProblemKind::kUpstreamError,
                              "the answer from " + name + " is not a SOAP 1.1 envelope");
    p.upstream = Upstream{static_cast<int>(status), {}, {}};
    return p;
  }
  return pipeline::WireResponse{status, std::string(response[bhttp::field::content_type]),
                                response.body()};
}

boost::asio::awaitable<Result<pipeline::WireResponse>> SoapConnector::call(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange) const {
  auto request = build_request(config_, endpoint_, operation, exchange);
  auto response =
      co_await client_->send(endpoint_.origin, std::move(request), timeout_for(config_, operation));
  if (!response) co_return std::move(response).error();
  co_return classify_soap_answer(*response, config_.id);
}

}  // namespace lienthong::connectors
