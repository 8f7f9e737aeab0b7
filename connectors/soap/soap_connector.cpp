#include "connectors/soap/soap_connector.hpp"

#include "connectors/soap/soap_fault.hpp"

namespace lienthong::connectors {

namespace bhttp = boost::beast::http;

Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> SoapConnector::make(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context) {
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
  return make_http_connector(config, context, &classify_soap_answer);
}

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

}  // namespace lienthong::connectors
