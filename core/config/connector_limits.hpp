#pragma once

#include <optional>

#include "core/config/config_error.hpp"

namespace lienthong::config {

class ObjectReader;

/// A connector's circuit breaker (`circuit` in its config file; core/delivery).
struct CircuitConfig {
  bool enabled = true;
  int failure_threshold = 5;  ///< consecutive counted failures that open the circuit
  int open_ms = 30'000;       ///< how long it stays open before one probe is let through
};

/// A connector's quota towards the far side (`rate_limit` in its config file; none by default).
struct RateLimitConfig {
  int per_second = 10;  ///< sustained calls per second
  int burst = 10;       ///< calls allowed at once after a quiet period
};

/// Reads the connector file's `circuit` and `rate_limit` objects (each optional) from the
/// connector's top-level reader; errors are located like every other config error.
void read_circuit(ObjectReader& connector, CircuitConfig& out, ConfigErrors& errors);
void read_rate_limit(ObjectReader& connector, std::optional<RateLimitConfig>& out,
                     ConfigErrors& errors);

}  // namespace lienthong::config
