#pragma once

#include <string_view>

#include "core/metrics/counter.hpp"

namespace lienthong::http {

/// TLS handshakes in `lienthong_tls_handshakes_total{side, endpoint, result}`: `full`,
/// `resumed` (an abbreviated handshake that reused a session) or `failed`. Side `server` has
/// the listener's name as endpoint (`provincial-tls`; the in-process sandbox's mocks count
/// under their own names), side `client` the endpoint `egress` (every call to an external
/// system).
struct TlsHandshakeCounters {
  metrics::Counter& full;
  metrics::Counter& resumed;
  metrics::Counter& failed;
  void completed(bool session_reused) const { (session_reused ? resumed : full).inc(); }
};

/// The counters of the TLS server called `listener`, in metrics::global() (look them up once,
/// when the server is made).
TlsHandshakeCounters server_tls_handshakes(std::string_view listener);
/// The egress clients' counters, looked up once.
const TlsHandshakeCounters& client_tls_handshakes();

}  // namespace lienthong::http
