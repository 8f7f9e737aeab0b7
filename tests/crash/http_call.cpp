#include "http_call.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>

namespace lienthong::crash {

namespace asio = boost::asio;
namespace beast = boost::beast;

// Asynchronous steps on a private io_context run for at most `timeout`: beast's stream
// timeouts apply to asynchronous operations only, and a hung hub must not hang the test.
std::optional<http::Response> try_http(std::uint16_t port, http::Request request,
                                       std::chrono::milliseconds timeout) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::flat_buffer buffer;
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(256 * 1024 * 1024);  // the mock's whole request log
  request.set(beast::http::field::host, "127.0.0.1");
  request.prepare_payload();
  bool done = false;
  stream.async_connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
      [&](const boost::system::error_code& ec) {
        if (ec) return;
        beast::http::async_write(stream, request, [&](const boost::system::error_code& ec, auto) {
          if (ec) return;
          beast::http::async_read(stream, buffer, parser,
                                  [&](const boost::system::error_code& ec, auto) { done = !ec; });
        });
      });
  ioc.run_for(timeout);
  if (!done) return std::nullopt;
  return parser.release();
}

}  // namespace lienthong::crash
