// Opening an egress connection: resolve, connect, TLS handshake, each bounded in time.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/http/detail/client_pool.hpp"
#include "core/http/tls_metrics.hpp"

namespace lienthong::http::detail {
namespace {

using asio::ip::tcp;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

Problem error(std::string detail) {
  return Problem::make(ProblemKind::kUpstreamError, std::move(detail));
}

std::string ms_text(std::chrono::milliseconds ms) {
  return std::to_string(ms.count()) + " ms";
}

}  // namespace

Problem timeout_problem(const Url& origin, std::chrono::milliseconds timeout) {
  return Problem::make(ProblemKind::kUpstreamTimeout,
                       "no answer from " + origin.authority() + " within " + ms_text(timeout));
}

asio::awaitable<std::optional<Problem>> open_connection(ConnectionPool& pool, const Url& origin,
                                                        ClientConnection& connection,
                                                        Clock::time_point deadline,
                                                        std::chrono::milliseconds timeout) {
  const auto& options = pool.options();
  const auto who = origin.authority();
  beast::tcp_stream tcp(connection.strand);
  // The connect phase gets connect_timeout, but never more than the exchange has left.
  const auto connect_deadline = std::min(deadline, Clock::now() + options.connect_timeout);
  const bool connect_bounded_by_option = connect_deadline < deadline;

  boost::system::error_code ec;
  const auto literal = asio::ip::make_address(origin.host, ec);
  const bool is_literal = !ec;
  if (is_literal) {
    tcp.expires_at(connect_deadline);
    std::tie(ec) = co_await tcp.async_connect(tcp::endpoint(literal, origin.port), kUse);
  } else {
    tcp::resolver resolver(connection.strand);
    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(origin.host, std::to_string(origin.port), kUse);
    if (resolve_ec) co_return error("cannot resolve " + origin.host + ": " + resolve_ec.message());
    if (Clock::now() >= deadline) co_return timeout_problem(origin, timeout);
    tcp.expires_at(connect_deadline);
    tcp::endpoint ignored;
    std::tie(ec, ignored) = co_await tcp.async_connect(endpoints, kUse);
  }
  if (ec == beast::error::timeout) {
    if (!connect_bounded_by_option) co_return timeout_problem(origin, timeout);
    co_return Problem::make(ProblemKind::kUpstreamTimeout,
                            "cannot connect to " + who + " within " +
                                std::to_string(options.connect_timeout.count()) + " ms");
  }
  if (ec) co_return error("cannot connect to " + who + ": " + ec.message());
  pool.count_opened();
  tcp.socket().set_option(tcp::no_delay(true), ec);

  if (!origin.tls()) {
    connection.plain = std::make_unique<beast::tcp_stream>(std::move(tcp));
    co_return std::nullopt;
  }

  connection.secure =
      std::make_unique<beast::ssl_stream<beast::tcp_stream>>(std::move(tcp), pool.tls());
  auto& stream = *connection.secure;
  // SNI carries names only, never an IP literal (RFC 6066).
  if (!is_literal && SSL_set_tlsext_host_name(stream.native_handle(), origin.host.c_str()) != 1) {
    co_return error("cannot set the TLS server name " + origin.host);
  }
  stream.set_verify_mode(asio::ssl::verify_peer);
  stream.set_verify_callback(asio::ssl::host_name_verification(origin.host));
  pool.resume_tls_session(origin.origin(), stream.native_handle());
  beast::get_lowest_layer(stream).expires_at(deadline);
  auto [handshake_ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, kUse);
  if (handshake_ec) client_tls_handshakes().failed.inc();
  if (handshake_ec == beast::error::timeout) co_return timeout_problem(origin, timeout);
  if (handshake_ec) {
    co_return error("TLS handshake with " + who + " failed: " + handshake_ec.message());
  }
  pool.count_handshake(SSL_session_reused(stream.native_handle()) == 1);
  client_tls_handshakes().completed(SSL_session_reused(stream.native_handle()) == 1);
  co_return std::nullopt;
}

}  // namespace lienthong::http::detail
