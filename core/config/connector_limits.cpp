#include "core/config/connector_limits.hpp"

#include "core/config/object_reader.hpp"

namespace lienthong::config {

void read_circuit(ObjectReader& connector, CircuitConfig& out, ConfigErrors& errors) {
  auto ptr = connector.child("circuit");
  if (ptr.empty()) return;
  ObjectReader r(connector.document(), ptr, errors);
  if (!r.ok()) return;
  r.read("enabled", out.enabled);
  r.read("failure_threshold", out.failure_threshold, false, 1, 1'000);
  r.read("open_ms", out.open_ms, false, 1, 3'600'000);
  r.finish();
}

void read_rate_limit(ObjectReader& connector, std::optional<RateLimitConfig>& out,
                     ConfigErrors& errors) {
  auto ptr = connector.child("rate_limit");
  if (ptr.empty()) return;
  ObjectReader r(connector.document(), ptr, errors);
  if (!r.ok()) return;
  RateLimitConfig limit;
  r.read("per_second", limit.per_second, true, 1, 100'000);
  limit.burst = limit.per_second;
  r.read("burst", limit.burst, false, 1, 100'000);
  r.finish();
  out = limit;
}

}  // namespace lienthong::config
