#include "core/pipeline/async/delivery_metrics.hpp"

#include <algorithm>
#include <string_view>

#include "core/metrics/registry.hpp"

namespace lienthong::pipeline {
namespace {

metrics::CounterFamily& attempts() {
  static auto& family = metrics::global().counter(
      "lienthong_delivery_attempts_total",
      "Ended delivery attempts of queued messages, by connector and outcome (delivered, retry, "
      "dead).",
      {"connector", "outcome"});
  return family;
}

metrics::CounterFamily& dead_letters() {
  static auto& family = metrics::global().counter(
      "lienthong_dead_letters_total",
      "Messages dead-lettered, by connector and the class of their last failure (timeout, "
      "unreachable, upstream_5xx, refused, signature, mapping, ...).",
      {"connector", "reason"});
  return family;
}

std::string_view label_word(std::string_view error_class) {
  const bool word = !error_class.empty() && error_class.size() <= 32 &&
                    std::all_of(error_class.begin(), error_class.end(),
                                [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  return word ? error_class : "other";
}

}  // namespace

void count_attempt(const store::NewMessage& message, const store::AttemptOutcome& outcome) {
  using Kind = store::AttemptOutcome::Kind;
  // A lookup per attempt (a mutex and a small key): an attempt already costs a durable commit.
  switch (outcome.kind) {
    case Kind::kDelivered:
      attempts().with({message.connector, "delivered"}).inc();
      break;
    case Kind::kRetry:
      attempts().with({message.connector, "retry"}).inc();
      break;
    case Kind::kDead:
      attempts().with({message.connector, "dead"}).inc();
      dead_letters().with({message.connector, label_word(outcome.error_class)}).inc();
      break;
  }
}

}  // namespace lienthong::pipeline
