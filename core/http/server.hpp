#pragma once

#include <openssl/x509.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"

namespace lienthong::http {

/// Limits that protect the server from slow, large or numerous clients.
struct ServerLimits {
  std::size_t header_limit = std::size_t{16} * 1024;
  std::size_t body_limit = std::size_t{1024} * 1024;
  std::chrono::milliseconds read_timeout{10'000};  ///< whole request, from its first byte
  std::chrono::milliseconds idle_timeout{30'000};  ///< keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{10'000};
  std::size_t max_connections = 1024;
};

/// Asked once per TLS connection, after a handshake in which the client presented a verified
/// certificate: `leaf` is that certificate, `issuer` the next certificate of the verified chain
/// (null when the leaf is itself a trust anchor). A Problem refuses the certificate: every
/// request on the connection then reaches the handler with `Incoming::peer_certificate_problem`
/// set. Runs on the connection's strand, so it must not block (await I/O instead).
using PeerCheck = std::function<asio::awaitable<std::optional<Problem>>(X509* leaf, X509* issuer)>;

/// The body limit of a request by its target (an operation that takes large documents); asked
/// once the headers are read, instead of ServerLimits::body_limit. Must not block.
using BodyLimit = std::function<std::size_t(std::string_view target)>;

/// An HTTP/1.1 server on coroutines: one listener, a strand per connection, keep-alive,
/// limits and timeouts, optional TLS (mTLS when the context verifies peers), graceful shutdown.
/// Requests that break the limits are answered with RFC 9457 problems (413, 400, 431 as 400)
/// without reaching the handler.
class Server {
 public:
  Server(asio::io_context& ioc, std::string name, ServerLimits limits, Handler handler,
         std::shared_ptr<asio::ssl::context> tls = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Installs the check of client certificates (TLS servers only); call before listen().
  void set_peer_check(PeerCheck check);
  /// A request whose body is too large goes to the handler with Incoming::body_problem set (it
  /// answers in its own door's format: a far side's callback expects its own answer) instead of
  /// the server's own 413. Call before listen().
  void hand_oversized_to_handler();
  /// Limits request bodies per target (`limit` answers for each request); call before listen().
  void set_body_limit(BodyLimit limit);

  /// Binds `host:port` (port 0 picks a free one) and starts accepting. Returns the bound endpoint.
  Result<asio::ip::tcp::endpoint> listen(const std::string& host, std::uint16_t port);

  /// Stops accepting; requests in flight finish and get their response (with
  /// `Connection: close`); idle keep-alive connections are closed at once. Completes when every
  /// connection has ended or `grace` has passed (then the rest are closed).
  asio::awaitable<void> shutdown(std::chrono::milliseconds grace);

  [[nodiscard]] const std::string& name() const;
  [[nodiscard]] std::size_t active_connections() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace lienthong::http
