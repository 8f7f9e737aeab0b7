#pragma once

// Private to core/http: the client's connections and the pool that keeps idle ones.

#include <openssl/ssl.h>

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/http/client.hpp"

namespace lienthong::http::detail {

using Clock = std::chrono::steady_clock;

/// One egress connection. It is used by one exchange at a time, always on its own strand.
struct ClientConnection {
  explicit ClientConnection(asio::any_io_executor executor) : strand(std::move(executor)) {}

  asio::any_io_executor strand;
  std::unique_ptr<beast::tcp_stream> plain;                      ///< http
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;  ///< https
  beast::flat_buffer buffer;

  beast::tcp_stream& tcp() { return secure ? beast::get_lowest_layer(*secure) : *plain; }
};

/// Idle keep-alive connections per origin, the TLS context and resumable TLS sessions.
class ConnectionPool {
 public:
  ConnectionPool(asio::any_io_executor executor, ClientOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  /// The most recently used idle connection to `origin` still within idle_ttl, or null.
  std::unique_ptr<ClientConnection> take(const std::string& origin);
  /// Keeps `connection` for reuse unless `origin` already has max_idle_per_origin.
  void give_back(const std::string& origin, std::unique_ptr<ClientConnection> connection);
  /// Closes every idle connection.
  void clear();

  /// A new, unconnected connection on a strand of its own.
  std::unique_ptr<ClientConnection> fresh();

  /// Offers the TLS session remembered for `origin` to a new connection (resumption).
  void resume_tls_session(const std::string& origin, SSL* ssl);
  /// Remembers the connection's TLS session for `origin` when it can be resumed.
  void remember_tls_session(const std::string& origin, SSL* ssl);

  [[nodiscard]] const ClientOptions& options() const { return options_; }
  /// options().tls, or the default context, built on first use (loading the system trust
  /// store is slow, and http-only clients never need it).
  asio::ssl::context& tls();
  void count_opened() { ++opened_; }
  [[nodiscard]] std::size_t opened() const { return opened_.load(); }
  /// A completed TLS handshake; `resumed` when it reused a remembered session.
  void count_handshake(bool resumed) {
    ++handshakes_;
    if (resumed) ++resumed_;
  }
  [[nodiscard]] std::size_t handshakes() const { return handshakes_.load(); }
  [[nodiscard]] std::size_t resumed() const { return resumed_.load(); }

 private:
  struct Idle {
    std::unique_ptr<ClientConnection> connection;
    Clock::time_point since;
  };

  asio::any_io_executor executor_;
  const ClientOptions options_;
  std::shared_ptr<asio::ssl::context> tls_;  ///< set once, under mutex_
  std::atomic<std::size_t> opened_{0};
  std::atomic<std::size_t> handshakes_{0};
  std::atomic<std::size_t> resumed_{0};
  std::mutex mutex_;  ///< guards the two maps
  std::unordered_map<std::string, std::vector<Idle>> idle_;
  std::unordered_map<std::string, SSL_SESSION*> tls_sessions_;
};

/// Resolves, connects (within connect_timeout and the deadline) and, for https, does the TLS
/// handshake with SNI and host-name verification. Runs on `connection.strand`.
/// Returns the problem when it fails.
asio::awaitable<std::optional<Problem>> open_connection(ConnectionPool& pool, const Url& origin,
                                                        ClientConnection& connection,
                                                        Clock::time_point deadline,
                                                        std::chrono::milliseconds timeout);

/// "no answer from host:port within N ms"
Problem timeout_problem(const Url& origin, std::chrono::milliseconds timeout);

}  // namespace lienthong::http::detail
