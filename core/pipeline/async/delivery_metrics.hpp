#pragma once

#include "core/store/message.hpp"

namespace lienthong::pipeline {

/// Counts one ended delivery attempt of a queued message:
/// `lienthong_delivery_attempts_total{connector, outcome}` (delivered, retry, dead) and, for a
/// dead one, `lienthong_dead_letters_total{connector, reason}` with the outcome's error class
/// (delivery::error_class; a value that is not such a short word counts as `other`, so free
/// text can never become a label).
void count_attempt(const store::NewMessage& message, const store::AttemptOutcome& outcome);

}  // namespace lienthong::pipeline
