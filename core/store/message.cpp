#include "core/store/message.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>

namespace lienthong::store {

std::string_view to_string(MessageState state) {
  switch (state) {
    case MessageState::kQueued:
      return "queued";
    case MessageState::kInFlight:
      return "in_flight";
    case MessageState::kDelivered:
      return "delivered";
    case MessageState::kRetrying:
      return "retrying";
    case MessageState::kDead:
      return "dead";
  }
  return "queued";
}

std::optional<MessageState> parse_state(std::string_view text) {
  for (auto s : {MessageState::kQueued, MessageState::kInFlight, MessageState::kDelivered,
                 MessageState::kRetrying, MessageState::kDead}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::string headers_to_json(const std::map<std::string, std::string>& headers) {
  return nlohmann::json(headers).dump();
}

std::map<std::string, std::string> headers_from_json(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::map<std::string, std::string> out;
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

std::int64_t to_millis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_millis(std::int64_t ms) {
  return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(ms)));
}

}  // namespace lienthong::store
