#include "core/http/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "core/http/detail/client_pool.hpp"
#include "core/log/log.hpp"

namespace lienthong::http {

struct HttpClient::Pool : detail::ConnectionPool {
  using ConnectionPool::ConnectionPool;
};

namespace {

namespace bhttp = beast::http;
using detail::ClientConnection;
using detail::Clock;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kResponseHeaderLimit = 64 * 1024;
constexpr std::string_view kUserAgent = "lienthong/0.1";

/// How one try on one connection went.
struct Attempt {
  std::optional<Response> response;
  Problem problem;
  bool retryable = false;  ///< a reused connection the peer had closed; nothing was answered
  bool reusable = false;   ///< the connection may go back to the pool
};

/// The peer closed (or reset) the connection: what a stale pooled connection looks like.
bool peer_closed(const boost::system::error_code& ec) {
  return ec == asio::error::eof || ec == bhttp::error::end_of_stream ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == asio::ssl::error::stream_truncated;
}

bool is_http_error(const boost::system::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

Problem upstream_error(std::string detail) {
  return Problem::make(ProblemKind::kUpstreamError, std::move(detail));
}

Problem read_problem(const boost::system::error_code& ec, const Url& origin,
                     std::chrono::milliseconds timeout, std::size_t body_limit, bool nothing_read) {
  const auto who = origin.authority();
  if (ec == beast::error::timeout) return detail::timeout_problem(origin, timeout);
  if (ec == bhttp::error::body_limit) {
    return upstream_error("answer from " + who + " exceeds " + std::to_string(body_limit) +
                          " bytes");
  }
  if (ec == bhttp::error::header_limit) {
    return upstream_error("answer from " + who + " has headers over " +
                          std::to_string(kResponseHeaderLimit) + " bytes");
  }
  if (peer_closed(ec) || ec == bhttp::error::partial_message) {
    return upstream_error(nothing_read
                              ? "connection reset by " + who + " before an answer"
                              : "connection to " + who + " closed in the middle of an answer");
  }
  if (is_http_error(ec)) return upstream_error("answer from " + who + " is not valid HTTP");
  return upstream_error("cannot read the answer from " + who + ": " + ec.message());
}

/// Writes the request and reads the answer on an open connection.
template <class Stream>
asio::awaitable<Attempt> talk(detail::ConnectionPool& pool, Stream& stream,
                              ClientConnection& connection, bool reused, const Url& origin,
                              const Request& request, Clock::time_point deadline,
                              std::chrono::milliseconds timeout) {
  Attempt out;
  auto& tcp = beast::get_lowest_layer(stream);
  tcp.expires_at(deadline);
  auto [write_ec, written] = co_await bhttp::async_write(stream, request, kUse);
  if (write_ec) {
    if (write_ec == beast::error::timeout) {
      out.problem = detail::timeout_problem(origin, timeout);
    } else if (peer_closed(write_ec)) {
      out.problem =
          upstream_error("connection reset by " + origin.authority() + " before an answer");
      out.retryable = reused;
    } else {
      out.problem = upstream_error("cannot send the request to " + origin.authority() + ": " +
                                   write_ec.message());
    }
    co_return out;
  }

  const auto body_limit = pool.options().body_limit;
  for (bool interim_seen = false;; interim_seen = true) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(kResponseHeaderLimit);
    parser.body_limit(body_limit);
    if (request.method() == bhttp::verb::head) parser.skip(true);
    auto [read_ec, read] = co_await bhttp::async_read(stream, connection.buffer, parser, kUse);
    if (read_ec) {
      const bool nothing_read =
          !interim_seen && !parser.got_some() && connection.buffer.size() == 0;
      out.problem = read_problem(read_ec, origin, timeout, body_limit, nothing_read);
      out.retryable = reused && nothing_read && peer_closed(read_ec);
      co_return out;
    }
    const auto status = parser.get().result_int();
    if (status >= 100 && status < 200 && status != 101) continue;  // interim; the answer follows
    out.reusable = parser.keep_alive() && !parser.need_eof() && request.keep_alive() &&
                   connection.buffer.size() == 0;
    if (out.reusable) tcp.expires_never();
    out.response = parser.release();
    co_return out;
  }
}

/// One try: open the connection when it is fresh, then talk. Runs on the connection's strand.
asio::awaitable<Attempt> attempt(detail::ConnectionPool& pool, ClientConnection& connection,
                                 bool reused, const Url& origin, const Request& request,
                                 Clock::time_point deadline, std::chrono::milliseconds timeout) {
  if (!reused) {
    if (auto problem =
            co_await detail::open_connection(pool, origin, connection, deadline, timeout)) {
      co_return Attempt{std::nullopt, std::move(*problem), false, false};
    }
  }
  if (!connection.secure) {
    co_return co_await talk(pool, *connection.plain, connection, reused, origin, request, deadline,
                            timeout);
  }
  auto out = co_await talk(pool, *connection.secure, connection, reused, origin, request, deadline,
                           timeout);
  if (out.response) pool.remember_tls_session(origin.origin(), connection.secure->native_handle());
  co_return out;
}

void complete_request(const Url& origin, Request& request) {
  if (request.target().empty()) request.target(origin.target);
  if (request.find(bhttp::field::host) == request.end()) {
    request.set(bhttp::field::host, origin.host_header());
  }
  if (request.find(bhttp::field::user_agent) == request.end()) {
    request.set(bhttp::field::user_agent, kUserAgent);
  }
  if (!request.has_content_length() && !request.chunked()) request.prepare_payload();
}

}  // namespace

HttpClient::HttpClient(asio::any_io_executor executor, ClientOptions options)
    : pool_(std::make_shared<Pool>(std::move(executor), std::move(options))) {}

HttpClient::~HttpClient() {
  pool_->clear();
}

asio::awaitable<Result<Response>> HttpClient::send(const Url& origin, Request request,
                                                   std::chrono::milliseconds timeout) {
  const auto pool = pool_;  // in-flight sends keep the pool alive
  // A copy: the caller's Url need not outlive the suspensions below.
  const Url target_origin = origin;  // NOLINT(performance-unnecessary-copy-initialization)
  const auto deadline = Clock::now() + timeout;
  const auto key = target_origin.origin();
  complete_request(target_origin, request);

  for (bool first_try = true;; first_try = false) {
    // The retry always takes a fresh connection: the pool may hold more stale ones.
    auto connection = first_try ? pool->take(key) : nullptr;
    const bool reused = connection != nullptr;
    if (!connection) connection = pool->fresh();
    auto out = co_await asio::co_spawn(
        connection->strand,
        attempt(*pool, *connection, reused, target_origin, request, deadline, timeout),
        asio::use_awaitable);
    if (out.response) {
      if (out.reusable) pool->give_back(key, std::move(connection));
      co_return std::move(*out.response);
    }
    if (!out.retryable || !first_try) co_return std::move(out.problem);
    log::debug("http.client_retry", {{"origin", key}, {"reason", out.problem.detail}});
  }
}

std::size_t HttpClient::connections_opened() const {
  return pool_->opened();
}

std::size_t HttpClient::tls_handshakes() const {
  return pool_->handshakes();
}

std::size_t HttpClient::tls_sessions_resumed() const {
  return pool_->resumed();
}

}  // namespace lienthong::http
