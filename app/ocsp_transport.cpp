#include "app/ocsp_transport.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>

namespace lienthong::app {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;

security::OcspTransport ocsp_transport(http::HttpClient& client) {
  return
      [&client](const std::string& url, std::string der) -> asio::awaitable<Result<std::string>> {
        auto origin = http::Url::parse(url);
        if (!origin) {
          co_return Problem::make(ProblemKind::kUpstreamError, "bad OCSP URL: " + origin.error());
        }
        http::Request request{bhttp::verb::post, origin->target, 11};
        request.set(bhttp::field::content_type, "application/ocsp-request");
        request.set(bhttp::field::accept, "application/ocsp-response");
        request.body() = std::move(der);
        request.prepare_payload();
        auto response = co_await client.send(*origin, std::move(request), std::chrono::seconds(5));
        if (!response) co_return std::move(response).error();
        if (response->result() != bhttp::status::ok) {
          co_return Problem::make(ProblemKind::kUpstreamError,
                                  "HTTP " + std::to_string(response->result_int()));
        }
        co_return std::move(response->body());
      };
}

}  // namespace lienthong::app
