#include "connectors/rest_json/rest_json_connector.hpp"

namespace lienthong::connectors {

namespace bhttp = boost::beast::http;

Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> RestJsonConnector::make(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context) {
  return make_http_connector(config, context, &classify_json_answer);
}

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

}  // namespace lienthong::connectors
