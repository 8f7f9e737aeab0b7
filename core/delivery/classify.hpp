#pragma once

#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::delivery {

/// What to do with a message whose attempt failed.
enum class Verdict {
  kRetry,  ///< may succeed later: try again after the policy's wait
  kDead,   ///< cannot succeed: dead-letter at once, do not burn attempts
};

/// Pure classification of a failed attempt (the table is in README.md). `stage` is the name of
/// the stage that failed (`Stage::name()`): only the far side's answers and the transport
/// (the "deliver" stage) can be transient; a mapping, signing or verification failure of a
/// stored message fails the same way every time.
Verdict classify(std::string_view stage, const Problem& problem);

/// Whether a failed call of the deliver stage says the far side is down (it feeds the circuit
/// breaker). Shares classify()'s reading of the answer: what it calls dead (a refusal, "no such
/// record", a SOAP fault blaming the sender even when sent with HTTP 500) is an answer from a
/// living far side. Of the rest, only no answer in time, no answer at all (connection error)
/// and a 5xx count; a 429/408 or a failure carried in a 2xx comes from a far side that is up.
bool counts_as_outage(const Problem& problem);

/// A short, fixed word for what went wrong in a failed attempt or exchange, safe for a metric
/// label, a journal entry and a timeline (never the far side's free text): "timeout",
/// "unreachable" (no answer: connection refused, reset, TLS), "upstream_5xx", "refused" (a 4xx
/// or a fault blaming the sender), "not_found", "rate_limited", "circuit_open", "waiting" (a
/// 2xx that says "not yet", as a signer's pending approval), "signature" (the answer's
/// signature was refused), "mapping", "invalid" (the caller's request), "internal".
std::string_view error_class(std::string_view stage, const Problem& problem);

/// "retry" or "dead", for logs and tests.
std::string_view to_string(Verdict verdict);

}  // namespace lienthong::delivery
