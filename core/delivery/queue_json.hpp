#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/store/message.hpp"

namespace lienthong::delivery {

/// How much of a message an operator sees.
enum class MessageView {
  kSummary,  ///< lists: no result (it may hold personal data), only its size
  kFull,     ///< `queue show` / GET …/messages/{id}: what the operator asked for by id
};

/// One message as the queue CLI (`--json`) and the admin API show it; times as RFC 3339 UTC.
nlohmann::json message_json(const store::MessageStatus& message, MessageView view);
nlohmann::json attempts_json(const std::vector<store::AttemptRecord>& attempts);
/// `2026-12-01T19:04:39.123Z`.
std::string rfc3339(store::TimePoint t);

}  // namespace lienthong::delivery
