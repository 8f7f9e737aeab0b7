#include "core/config/delivery_config.hpp"

#include "core/config/object_reader.hpp"

namespace lienthong::config {

void read_retry_config(ObjectReader& parent, RetryConfig& out, ConfigErrors& errors) {
  auto ptr = parent.child("delivery");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  if (!r.ok()) return;
  r.read("max_attempts", out.max_attempts, false, 1, 1000);
  r.read("backoff_initial_ms", out.backoff_initial_ms, false, 1, 3'600'000);
  r.read("backoff_max_ms", out.backoff_max_ms, false, 1, 86'400'000);
  r.read("attempt_timeout_ms", out.attempt_timeout_ms, false, 1, 600'000);
  if (out.backoff_max_ms < out.backoff_initial_ms) {
    r.error("backoff_max_ms", "must not be smaller than backoff_initial_ms");
  }
  r.finish();
}

void read_delivery_config(ObjectReader& parent, DeliveryConfig& out, ConfigErrors& errors) {
  auto ptr = parent.child("delivery");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  if (!r.ok()) return;
  r.read("concurrency", out.concurrency, false, 0, 4096);
  r.finish();
}

}  // namespace lienthong::config
