#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::http {

/// An absolute http(s) URL split into the parts the client needs.
struct Url {
  std::string scheme;  ///< "http" or "https"
  std::string host;
  std::uint16_t port = 0;
  std::string target;  ///< path and query, at least "/"

  /// Parses `http://host[:port][/path][?query]`; the error detail says what is wrong.
  static Result<Url, std::string> parse(std::string_view text);
  [[nodiscard]] bool tls() const { return scheme == "https"; }
  /// "scheme://host:port", the connection pool key.
  [[nodiscard]] std::string origin() const;
  /// "host:port" ("[::1]:8443" for IPv6), as error messages name the far side.
  [[nodiscard]] std::string authority() const;
  /// Value for the Host header: the port only when it is not the scheme's default.
  [[nodiscard]] std::string host_header() const;
};

/// Percent-encodes a query component (RFC 3986 unreserved characters stay).
std::string url_encode(std::string_view text);
/// Decodes percent-encoding and '+' as space; nullopt-like empty result flagged by `ok`.
std::string url_decode(std::string_view text, bool* ok = nullptr);

}  // namespace lienthong::http
