#pragma once

#include "core/config/config_error.hpp"

namespace lienthong::config {

class ObjectReader;

/// How a connector's queued messages are retried (`delivery` in config/connectors/<id>.json).
struct RetryConfig {
  int max_attempts = 8;          ///< then the message is dead
  int backoff_initial_ms = 500;  ///< base of the exponential backoff
  int backoff_max_ms = 300'000;  ///< cap of one wait
  int attempt_timeout_ms = 0;    ///< 0: the connector's timeout
};

/// The hub's delivery loop (`delivery` in hub.json).
struct DeliveryConfig {
  int concurrency = 16;  ///< messages delivered at once by this hub; 0: it delivers none
};

/// Reads the `delivery` object of a connector file, when present; unknown keys are refused.
void read_retry_config(ObjectReader& parent, RetryConfig& out, ConfigErrors& errors);
/// Reads the `delivery` object of hub.json, when present; unknown keys are refused.
void read_delivery_config(ObjectReader& parent, DeliveryConfig& out, ConfigErrors& errors);

}  // namespace lienthong::config
