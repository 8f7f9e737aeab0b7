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

/// "retry" or "dead", for logs and tests.
std::string_view to_string(Verdict verdict);

}  // namespace lienthong::delivery
