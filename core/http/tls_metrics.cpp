#include "core/http/tls_metrics.hpp"

#include "core/metrics/registry.hpp"

namespace lienthong::http {
namespace {

TlsHandshakeCounters counters(std::string_view side, std::string_view endpoint) {
  auto& family = metrics::global().counter(
      "lienthong_tls_handshakes_total",
      "TLS handshakes by side (server: a listener of this process, by name; client: calls to "
      "external systems, endpoint egress) and result (full, resumed, failed).",
      {"side", "endpoint", "result"});
  return {family.with({side, endpoint, "full"}), family.with({side, endpoint, "resumed"}),
          family.with({side, endpoint, "failed"})};
}

}  // namespace

TlsHandshakeCounters server_tls_handshakes(std::string_view listener) {
  return counters("server", listener);
}

const TlsHandshakeCounters& client_tls_handshakes() {
  static const TlsHandshakeCounters client = counters("client", "egress");
  return client;
}

}  // namespace lienthong::http
