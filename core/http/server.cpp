#include "core/http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/http/detail/server_state.hpp"
#include "core/log/log.hpp"

namespace lienthong::http {

using asio::ip::tcp;

struct Server::State : detail::ServerState {
  using ServerState::ServerState;
};

namespace detail {

std::uint64_t ServerState::add(const std::shared_ptr<Connection>& connection) {
  ++active;
  std::lock_guard lock(mutex);
  const auto id = ++next_id;
  sessions.emplace(id, connection);
  return id;
}

void ServerState::remove(std::uint64_t id) {
  {
    std::lock_guard lock(mutex);
    sessions.erase(id);
  }
  // seq_cst on both sides: either this sees `stopping`, or shutdown sees the new count.
  if (--active == 0 && stopping) {
    asio::post(strand, [self = shared_from_this()] {
      for (auto* waiter : self->drain_waiters) waiter->cancel();
    });
  }
}

void ServerState::close_all() {
  stopping = true;
  boost::system::error_code ignored;
  acceptor.close(ignored);
  for_each_connection([](Connection& c) {
    c.draining = true;
    if (c.tcp != nullptr) c.tcp->close();
  });
}

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Over the limit the connection is closed unanswered: answering would spend the very
// resources the limit protects. Logged at most once a second so a flood cannot flood the log.
void refuse(ServerState& state, tcp::socket& socket) {
  boost::system::error_code ignored;
  socket.close(ignored);
  const auto now = now_ms();
  auto last = state.last_limit_log_ms.load();
  if (now - last >= 1000 && state.last_limit_log_ms.compare_exchange_strong(last, now)) {
    log::warn("http.connection_limit",
              {{"server", state.name},
               {"max_connections", std::to_string(state.limits.max_connections)}});
  }
}

asio::awaitable<void> accept_loop(std::shared_ptr<ServerState> state) {
  for (;;) {
    // Each connection gets its own strand: its session, timers and shutdown requests run there.
    const asio::any_io_executor executor = asio::make_strand(state->ioc);
    auto [ec, socket] =
        co_await state->acceptor.async_accept(executor, asio::as_tuple(asio::use_awaitable));
    if (state->stopping || !state->acceptor.is_open()) break;
    if (ec) {
      // EMFILE and friends: keep accepting, the condition may pass; a closed acceptor ends.
      if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) break;
      log::warn("http.accept_failed", {{"server", state->name}, {"error", ec.message()}});
      continue;
    }
    if (state->active.load() >= state->limits.max_connections) {
      refuse(*state, socket);
      continue;
    }
    auto connection = std::make_shared<Connection>(executor);
    const auto id = state->add(connection);
    asio::co_spawn(executor, run_session(state, std::move(connection), id, std::move(socket)),
                   asio::detached);
  }
}

/// Registers a shutdown's timer for the time it waits (also if the frame is destroyed).
struct Waiter {
  ServerState& state;
  asio::steady_timer& timer;
  Waiter(ServerState& s, asio::steady_timer& t) : state(s), timer(t) {
    state.drain_waiters.push_back(&timer);
  }
  ~Waiter() { std::erase(state.drain_waiters, &timer); }
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;
};

asio::awaitable<void> drain(std::shared_ptr<ServerState> state, std::chrono::milliseconds grace) {
  state->stopping = true;
  boost::system::error_code ignored;
  state->acceptor.close(ignored);
  state->for_each_connection([](Connection& c) {
    c.draining = true;
    if (c.idle && c.tcp != nullptr) c.tcp->cancel();
  });
  // Each call waits on its own timer, so two shutdowns (or a shutdown and a destructor) never
  // cancel each other's wait. A cancel means "a session ended": look again.
  asio::steady_timer grace_over(state->strand, grace);
  const Waiter waiter(*state, grace_over);
  while (state->active > 0) {
    auto [ec] = co_await grace_over.async_wait(asio::as_tuple(asio::use_awaitable));
    if (!ec) break;
  }
  if (state->active == 0) co_return;
  log::warn("http.shutdown_forced", {{"server", state->name},
                                     {"connections", std::to_string(state->active.load())},
                                     {"grace_ms", std::to_string(grace.count())}});
  state->close_all();
}

}  // namespace
}  // namespace detail

Server::Server(asio::io_context& ioc, std::string name, ServerLimits limits, Handler handler,
               std::shared_ptr<asio::ssl::context> tls)
    : state_(std::make_shared<State>(ioc, std::move(name), limits, std::move(handler),
                                     std::move(tls))) {}

Server::~Server() {
  // Sessions and the accept loop hold the state; tell them to end rather than serve on.
  asio::post(state_->strand, [state = state_] { state->close_all(); });
}

void Server::hand_oversized_to_handler() {
  state_->oversized_to_handler = true;
}

void Server::set_body_limit(BodyLimit limit) {
  state_->body_limit_for = std::move(limit);
}

void Server::set_peer_check(PeerCheck check) {
  state_->peer_check = std::move(check);
}

Result<tcp::endpoint> Server::listen(const std::string& host, std::uint16_t port) {
  auto fail = [&](std::string_view what, const boost::system::error_code& ec) {
    return Problem::make(ProblemKind::kInternal, "server " + state_->name + " cannot " +
                                                     std::string(what) + " " + host + ":" +
                                                     std::to_string(port) + ": " + ec.message());
  };
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) {
    // A name ("localhost"): resolved once, at start-up, so blocking here is fine.
    tcp::resolver resolver(state_->ioc);
    const auto found = resolver.resolve(host, std::to_string(port), ec);
    if (ec || found.empty()) {
      return Problem::make(ProblemKind::kInternal, "server " + state_->name + " cannot resolve \"" +
                                                       host + "\"" +
                                                       (ec ? ": " + ec.message() : ""));
    }
    address = found.begin()->endpoint().address();
  }
  if (state_->acceptor.is_open()) {
    return Problem::make(ProblemKind::kInternal, "server " + state_->name + " already listens");
  }
  const tcp::endpoint wanted(address, port);
  auto& acceptor = state_->acceptor;
  if (acceptor.open(wanted.protocol(), ec)) return fail("open a socket for", ec);
  if (acceptor.set_option(asio::socket_base::reuse_address(true), ec)) {
    return fail("configure", ec);
  }
  if (acceptor.bind(wanted, ec)) {
    acceptor.close(ec);
    return fail("bind", ec);
  }
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    acceptor.close(ec);
    return fail("listen on", ec);
  }
  auto bound = acceptor.local_endpoint(ec);
  if (ec) return fail("read the address of", ec);
  asio::co_spawn(state_->strand, detail::accept_loop(state_), asio::detached);
  return bound;
}

asio::awaitable<void> Server::shutdown(std::chrono::milliseconds grace) {
  co_await asio::co_spawn(state_->strand, detail::drain(state_, grace), asio::use_awaitable);
}

const std::string& Server::name() const {
  return state_->name;
}

std::size_t Server::active_connections() const {
  return state_->active.load();
}

}  // namespace lienthong::http
