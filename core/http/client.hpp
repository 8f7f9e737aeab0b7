#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <memory>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"
#include "core/http/url.hpp"

namespace lienthong::http {

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{3'000};
  std::size_t max_idle_per_origin = 32;
  std::chrono::milliseconds idle_ttl{30'000};
  std::size_t body_limit = std::size_t{8} * 1024 * 1024;
  /// Used for https origins; verifies the peer and its host name. Null = system defaults.
  std::shared_ptr<asio::ssl::context> tls;
};

/// Egress HTTP/1.1 client with a keep-alive connection pool per origin.
/// Failures come back as Problems: kUpstreamTimeout when `timeout` passes (connect, write or
/// read), kUpstreamError when the connection fails or the answer is not HTTP. An HTTP error
/// status is not a failure here: the caller reads the response.
class HttpClient {
 public:
  HttpClient(asio::any_io_executor executor, ClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Sends `request` to `origin` (its target is taken from the request, Host is set here).
  /// A pooled connection that turns out to be closed by the peer is retried once on a new one.
  asio::awaitable<Result<Response>> send(const Url& origin, Request request,
                                         std::chrono::milliseconds timeout);

  /// Connections opened so far (for tests and the benchmark: reuse means few).
  [[nodiscard]] std::size_t connections_opened() const;
  /// TLS handshakes completed so far, and how many of them resumed a session (abbreviated).
  [[nodiscard]] std::size_t tls_handshakes() const;
  [[nodiscard]] std::size_t tls_sessions_resumed() const;

 private:
  struct Pool;
  std::shared_ptr<Pool> pool_;
};

}  // namespace lienthong::http
