// One connection of a Server, from accept to close: optional TLS handshake, then requests on
// keep-alive until the peer, a limit, a timeout or shutdown ends it. Plain and TLS share
// serve() through a template on the stream type.
#include <openssl/ssl.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "core/http/detail/server_state.hpp"
#include "core/http/problem_response.hpp"
#include "core/http/tls.hpp"
#include "core/log/log.hpp"

namespace lienthong::http::detail {
namespace {

namespace bhttp = beast::http;
using asio::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = std::size_t{8} * 1024;
/// After an error answer the server drains what the client still sends (so the close does
/// not turn into a reset that destroys the answer), but only this much and this long.
constexpr std::size_t kLingerBytes = std::size_t{1024} * 1024;
constexpr auto kLingerTime = 1s;
constexpr auto kTlsShutdownTime = 1s;

/// What the caller of the connection is, as far as the connection knows.
struct Peer {
  std::string address;
  std::string subject;
  std::string sha256;
  std::optional<Problem> refused;  ///< the peer check refused the certificate
};

/// How a connection ends.
enum class End {
  kClose,        ///< orderly close
  kLingerClose,  ///< close after an error answer: unread input may still arrive
  kReset,        ///< the handler asked for a reset (SO_LINGER 0 → RST)
};

std::string endpoint_text(const tcp::endpoint& endpoint) {
  auto address = endpoint.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  const auto port = std::to_string(endpoint.port());
  return address.is_v6() ? "[" + address.to_string() + "]:" + port
                         : address.to_string() + ":" + port;
}

/// Lets go of the stream before it is destroyed, so shutdown never touches a dead one.
struct Release {
  Connection& connection;
  Release(Connection& c, beast::tcp_stream& tcp) : connection(c) { c.tcp = &tcp; }
  ~Release() {
    connection.tcp = nullptr;
    connection.idle = false;
  }
  Release(const Release&) = delete;
  Release& operator=(const Release&) = delete;
};

bool is_http_error(const boost::system::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

/// The answer the server gives itself when reading a request failed; nullopt = just close.
std::optional<Response> read_failure_answer(const boost::system::error_code& ec,
                                            const ServerLimits& limits, std::size_t body_limit,
                                            unsigned version) {
  Problem problem;
  if (ec == bhttp::error::body_limit) {
    problem = Problem::make(ProblemKind::kTooLarge,
                            "request body exceeds " + std::to_string(body_limit) + " bytes");
  } else if (ec == bhttp::error::header_limit) {
    problem =
        Problem::make(ProblemKind::kMalformed,
                      "request headers exceed " + std::to_string(limits.header_limit) + " bytes");
  } else if (is_http_error(ec) && ec != bhttp::error::end_of_stream &&
             ec != bhttp::error::partial_message) {
    problem =
        Problem::make(ProblemKind::kMalformed, "request is not valid HTTP/1.1: " + ec.message());
  } else {
    return std::nullopt;  // timeout, reset, EOF mid-request: nobody to answer
  }
  return problem_response(problem, {}, version == 10 ? 10 : 11, false);
}

/// Runs the handler; an exception (a bug) becomes a logged 500 rather than a dead session.
asio::awaitable<std::optional<Response>> call_handler(const ServerState& state,
                                                      Incoming& incoming) {
  std::string error;
  try {
    co_return co_await state.handler(incoming);
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown exception";
  }
  log::error("http.handler_exception", {{"server", state.name},
                                        {"method", std::string(incoming.request.method_string())},
                                        {"error", error}});
  co_return problem_response(
      Problem::make(ProblemKind::kInternal, "the server failed while answering this request"), {},
      incoming.request.version(), false);
}

/// Handlers may leave framing to us; bodiless statuses must not get a Content-Length.
void finish_payload(Response& response) {
  if (response.has_content_length() || response.chunked()) return;
  const auto status = response.result_int();
  if ((status >= 100 && status < 200) || status == 204 || status == 304) return;
  response.prepare_payload();
}

bool expects_continue(const Request& request) {
  return request.version() >= 11 &&
         beast::iequals(request[bhttp::field::expect], std::string_view("100-continue"));
}

/// Reads one request; a client that waits for "100 Continue" (curl does, for bodies over
/// 1 KiB) gets it once the headers have passed the limits.
/// `body_limit` is set to the limit of this request (the server's, or the one `state` says for
/// its target).
template <class Stream>
asio::awaitable<boost::system::error_code> read_request(
    Stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::string_body>& parser,
    const ServerState& state, std::size_t& body_limit) {
  // A handler that answers oversized requests itself needs their headers, and a limit per
  // target needs the target: the parser would refuse a too-large Content-Length before the
  // headers are done, so it is checked here.
  const bool headers_first = state.oversized_to_handler || state.body_limit_for;
  body_limit = state.limits.body_limit;
  parser.body_limit(headers_first ? boost::optional<std::uint64_t>() : body_limit);
  auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kUse);
  if (ec || parser.is_done()) co_return ec;
  if (headers_first) {
    if (state.body_limit_for) body_limit = state.body_limit_for(parser.get().target());
    if (const auto length = parser.content_length(); length && *length > body_limit) {
      co_return bhttp::error::body_limit;
    }
    parser.body_limit(body_limit);
  }
  if (expects_continue(parser.get())) {
    const bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
    std::tie(ec, n) = co_await bhttp::async_write(stream, go_on, kUse);
    if (ec) co_return ec;
  }
  std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, kUse);
  co_return ec;
}

template <class Stream>
asio::awaitable<End> serve(const ServerState& state, Connection& connection, Stream& stream,
                           const Peer& peer) {
  auto& tcp = beast::get_lowest_layer(stream);
  const auto& limits = state.limits;
  beast::flat_buffer buffer;
  for (bool first = true;; first = false) {
    if (connection.draining) co_return End::kClose;
    if (buffer.size() == 0) {
      // Waiting for a request to begin: the first uses read_timeout, later ones idle_timeout;
      // shutdown may cancel this wait.
      connection.idle = true;
      tcp.expires_after(first ? limits.read_timeout : limits.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(kReadChunk), kUse);
      connection.idle = false;
      if (ec) co_return End::kClose;
      buffer.commit(n);
    }

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    tcp.expires_after(limits.read_timeout);  // the whole request, from its first byte
    std::size_t body_limit = limits.body_limit;
    const auto read_ec = co_await read_request(stream, buffer, parser, state, body_limit);
    if (read_ec == bhttp::error::body_limit && parser.is_header_done() &&
        state.oversized_to_handler) {
      Incoming incoming{parser.release(), peer.address, peer.subject, peer.sha256, peer.refused};
      incoming.request.body().clear();
      incoming.body_problem = Problem::make(
          ProblemKind::kTooLarge, "request body exceeds " + std::to_string(body_limit) + " bytes");
      auto response = co_await call_handler(state, incoming);
      if (!response) co_return End::kReset;
      response->keep_alive(false);  // the rest of the body is still on the wire
      finish_payload(*response);
      tcp.expires_after(limits.write_timeout);
      co_await bhttp::async_write(stream, *response, kUse);
      co_return End::kLingerClose;
    }
    if (read_ec) {
      const unsigned version = parser.is_header_done() ? parser.get().version() : 11;
      auto answer = read_failure_answer(read_ec, limits, body_limit, version);
      if (!answer) co_return End::kClose;
      log::info("http.request_refused", {{"server", state.name},
                                         {"peer", peer.address},
                                         {"status", std::to_string(answer->result_int())},
                                         {"reason", read_ec.message()}});
      tcp.expires_after(limits.write_timeout);
      co_await bhttp::async_write(stream, *answer, kUse);
      co_return End::kLingerClose;
    }

    Incoming incoming{parser.release(), peer.address, peer.subject, peer.sha256, peer.refused};
    const bool wants_keep_alive = incoming.request.keep_alive();
    auto response = co_await call_handler(state, incoming);
    if (!response) co_return End::kReset;
    // Draining is read after the handler: a shutdown that began meanwhile closes after this.
    const bool keep_alive = wants_keep_alive && response->keep_alive() && !connection.draining;
    response->keep_alive(keep_alive);
    finish_payload(*response);
    tcp.expires_after(limits.write_timeout);
    auto [write_ec, write_n] = co_await bhttp::async_write(stream, *response, kUse);
    if (write_ec || !keep_alive) co_return End::kClose;
  }
}

/// Ends the TCP side: RST on request, else FIN (after draining late input for error answers).
asio::awaitable<void> close_tcp(beast::tcp_stream& tcp, End end) {
  boost::system::error_code ignored;
  auto& socket = tcp.socket();
  if (end == End::kReset) {
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
    tcp.close();
    co_return;
  }
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  if (end == End::kLingerClose) {
    std::array<char, 4096> scratch{};
    tcp.expires_after(kLingerTime);
    for (std::size_t total = 0; total < kLingerBytes;) {
      auto [ec, n] = co_await tcp.async_read_some(asio::buffer(scratch), kUse);
      if (ec) break;
      total += n;
    }
  }
  tcp.close();
}

asio::awaitable<void> run_plain(const ServerState& state, Connection& connection,
                                tcp::socket socket, const Peer& peer) {
  beast::tcp_stream stream(std::move(socket));
  const Release release(connection, stream);
  const auto end = co_await serve(state, connection, stream, peer);
  co_await close_tcp(stream, end);
}

asio::awaitable<void> run_tls(const ServerState& state, Connection& connection, tcp::socket socket,
                              Peer peer) {
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *state.tls);
  auto& tcp = beast::get_lowest_layer(stream);
  const Release release(connection, tcp);
  // OpenSSL refuses to resume a session on a peer-verifying server without a session id
  // context, failing the handshake; set one per connection rather than touch the shared context.
  const auto sid = state.name.substr(0, SSL_MAX_SID_CTX_LENGTH);
  SSL_set_session_id_context(stream.native_handle(),
                             reinterpret_cast<const unsigned char*>(sid.data()),
                             static_cast<unsigned int>(sid.size()));

  connection.idle = true;  // shutdown may cut a handshake short like an idle wait
  tcp.expires_after(state.limits.read_timeout);
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kUse);
  connection.idle = false;
  if (ec) {
    state.handshakes->failed.inc();
    log::debug("http.tls_handshake_failed",
               {{"server", state.name}, {"peer", peer.address}, {"error", ec.message()}});
    tcp.close();
    co_return;
  }
  SSL* ssl = stream.native_handle();
  state.handshakes->completed(SSL_session_reused(ssl) == 1);
  if ((SSL_get_verify_mode(ssl) & SSL_VERIFY_PEER) != 0) {
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(SSL_get1_peer_certificate(ssl),
                                                                  &X509_free);
    if (certificate && SSL_get_verify_result(ssl) == X509_V_OK) {
      peer.subject = certificate_subject(certificate.get());
      peer.sha256 = certificate_sha256(certificate.get());
      if (state.peer_check) {
        // Once per connection; the chain belongs to the SSL object, which outlives the wait.
        STACK_OF(X509)* chain = SSL_get0_verified_chain(ssl);
        X509* issuer =
            chain != nullptr && sk_X509_num(chain) > 1 ? sk_X509_value(chain, 1) : nullptr;
        peer.refused = co_await state.peer_check(certificate.get(), issuer);
        if (peer.refused) {
          peer.subject.clear();
          peer.sha256.clear();
        }
      }
    }
  }

  const auto end = co_await serve(state, connection, stream, peer);
  if (end == End::kClose && tcp.socket().is_open()) {
    tcp.expires_after(kTlsShutdownTime);
    co_await stream.async_shutdown(kUse);  // close_notify; the peer may just drop the socket
  }
  co_await close_tcp(tcp, end);
}

}  // namespace

asio::awaitable<void> run_session(std::shared_ptr<ServerState> state,
                                  std::shared_ptr<Connection> connection, std::uint64_t id,
                                  tcp::socket socket) {
  boost::system::error_code ec;
  Peer peer;
  if (const auto remote = socket.remote_endpoint(ec); !ec) peer.address = endpoint_text(remote);
  socket.set_option(tcp::no_delay(true), ec);
  try {
    if (state->tls) {
      co_await run_tls(*state, *connection, std::move(socket), std::move(peer));
    } else {
      co_await run_plain(*state, *connection, std::move(socket), peer);
    }
  } catch (const std::exception& e) {
    log::error("http.session_failed", {{"server", state->name}, {"error", e.what()}});
  }
  state->remove(id);
}

}  // namespace lienthong::http::detail
