#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <optional>
#include <string>

#include "core/base/problem.hpp"

namespace lienthong::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

using Request = beast::http::request<beast::http::string_body>;
using Response = beast::http::response<beast::http::string_body>;

/// A request as the server hands it to a handler, with what the connection knows of the caller.
struct Incoming {
  Request request;
  std::string remote_address;  ///< "127.0.0.1:53422"
  /// Subject of the verified client certificate (mTLS), empty when none was presented.
  std::string peer_certificate_subject;
  /// SHA-256 fingerprint (lowercase hex) of the verified client certificate, empty when none.
  std::string peer_certificate_sha256;
  /// Set when the client certificate chained to a trusted CA but the server's peer check
  /// (OCSP on the ingress) refused it; the subject and fingerprint are then empty.
  std::optional<Problem> peer_certificate_problem;
  /// Set when the body broke the body limit, on a server that lets its handler answer that
  /// (Server::hand_oversized_to_handler): the body was not read (`request.body()` is empty) and
  /// the connection closes after the answer.
  std::optional<Problem> body_problem;
};

/// Answers one request. Must not throw for bad input. Returning nullopt asks the server to
/// reset the connection without answering (the sandbox's `reset` fault uses it).
using Handler = std::function<asio::awaitable<std::optional<Response>>(Incoming&)>;

}  // namespace lienthong::http
