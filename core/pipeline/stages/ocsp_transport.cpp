#include "core/pipeline/stages/ocsp_transport.hpp"

#include "core/http/client.hpp"
#include "core/http/url.hpp"

namespace lienthong::pipeline {

namespace bhttp = boost::beast::http;

security::OcspTransport http_ocsp_transport(http::HttpClient& client,
                                            std::chrono::milliseconds timeout) {
  return [&client, timeout](const std::string& url,
                            std::string der) -> boost::asio::awaitable<Result<std::string>> {
    auto origin = http::Url::parse(url);
    if (!origin) {
      co_return Problem::make(ProblemKind::kUpstreamError, "bad OCSP URL: " + origin.error());
    }
    http::Request request{bhttp::verb::post, origin->target, 11};
    request.set(bhttp::field::content_type, "application/ocsp-request");
    request.set(bhttp::field::accept, "application/ocsp-response");
    request.body() = std::move(der);
    request.prepare_payload();
    auto response = co_await client.send(*origin, std::move(request), timeout);
    if (!response) co_return std::move(response).error();
    if (response->result() != bhttp::status::ok) {
      co_return Problem::make(
          ProblemKind::kUpstreamError,
          "OCSP responder answered HTTP " + std::to_string(response->result_int()));
    }
    co_return std::move(response->body());
  };
}

}  // namespace lienthong::pipeline
