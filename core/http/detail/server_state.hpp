#pragma once

// Private to core/http: what Server, its accept loop and its sessions share.

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/http/server.hpp"
#include "core/http/tls_metrics.hpp"

namespace lienthong::http::detail {

/// One open connection as the server's registry sees it. Every member except `strand` is
/// touched only on `strand`, so shutdown posts its requests there.
struct Connection {
  explicit Connection(asio::any_io_executor executor) : strand(std::move(executor)) {}

  asio::any_io_executor strand;
  /// Lowest layer of the session's stream; null once the session has let go of it.
  beast::tcp_stream* tcp = nullptr;
  bool idle = false;      ///< waiting for a request (or the TLS handshake) to begin
  bool draining = false;  ///< shutdown asked: answer what is in flight with close, then end
};

struct ServerState : std::enable_shared_from_this<ServerState> {
  ServerState(asio::io_context& context, std::string server_name, ServerLimits server_limits,
              Handler request_handler, std::shared_ptr<asio::ssl::context> tls_context)
      : ioc(context),
        name(std::move(server_name)),
        limits(server_limits),
        handler(std::move(request_handler)),
        tls(std::move(tls_context)),
        strand(asio::make_strand(context)),
        acceptor(strand) {
    if (tls) handshakes.emplace(server_tls_handshakes(name));
  }

  asio::io_context& ioc;
  const std::string name;
  const ServerLimits limits;
  const Handler handler;
  const std::shared_ptr<asio::ssl::context> tls;
  /// TLS servers only; set at construction.
  std::optional<TlsHandshakeCounters> handshakes;
  PeerCheck peer_check;               ///< set before listen(), read-only afterwards
  bool oversized_to_handler = false;  ///< set before listen(), read-only afterwards
  BodyLimit body_limit_for;           ///< set before listen(), read-only afterwards

  /// Serializes the acceptor, shutdown and `drain_waiters`.
  asio::strand<asio::io_context::executor_type> strand;
  asio::ip::tcp::acceptor acceptor;
  /// Timers of shutdown calls waiting for the last session; cancelled when it ends.
  std::vector<asio::steady_timer*> drain_waiters;

  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> active{0};
  std::atomic<std::int64_t> last_limit_log_ms{0};

  std::mutex mutex;  ///< guards `sessions` and `next_id`
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> sessions;
  std::uint64_t next_id = 0;

  /// Adds a connection to the registry (called on `strand`, by the accept loop).
  std::uint64_t add(const std::shared_ptr<Connection>& connection);
  /// Removes it and wakes shutdown when it was the last one.
  void remove(std::uint64_t id);
  /// Posts `action` to the strand of every registered connection.
  template <class Action>
  void for_each_connection(Action action) {
    std::unique_lock lock(mutex);
    for (const auto& [id, weak] : sessions) {
      if (auto connection = weak.lock()) {
        asio::post(connection->strand, [connection, action] { action(*connection); });
      }
    }
  }
  /// Closes the listener and every connection at once (grace over, or Server destroyed).
  void close_all();
};

/// Serves one accepted connection until it ends; TLS first when the server has a context.
asio::awaitable<void> run_session(std::shared_ptr<ServerState> state,
                                  std::shared_ptr<Connection> connection, std::uint64_t id,
                                  asio::ip::tcp::socket socket);

}  // namespace lienthong::http::detail
