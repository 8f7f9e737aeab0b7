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

/// "retry" or "dead", for logs and tests.
std::string_view to_string(Verdict verdict);

}  // namespace lienthong::delivery
