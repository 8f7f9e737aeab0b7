#include "core/delivery/queue_json.hpp"

#include "core/base/time_text.hpp"

namespace lienthong::delivery {

std::string rfc3339(store::TimePoint t) {
  return rfc3339_millis(store::to_millis(t));
}

nlohmann::json message_json(const store::MessageStatus& m, MessageView view) {
  nlohmann::json j = {{"id", m.id},
                      {"client", m.client},
                      {"connector", m.connector},
                      {"operation", m.operation},
                      {"state", store::to_string(m.state)},
                      {"attempts", m.attempts},
                      {"accepted_at", rfc3339(m.accepted_at)}};
  if (!m.ordering_key.empty()) j["ordering_key"] = m.ordering_key;
  if (!m.last_error.empty()) j["last_error"] = m.last_error;
  if (m.next_attempt_at) j["next_attempt_at"] = rfc3339(*m.next_attempt_at);
  if (!m.dead_reason.empty()) j["dead_reason"] = m.dead_reason;
  if (!m.waiting_behind.empty()) j["waiting_behind"] = m.waiting_behind;
  if (!m.waiting_for.empty()) j["waiting_for"] = m.waiting_for;
  if (m.finished_at) j["finished_at"] = rfc3339(*m.finished_at);
  if (!m.traceparent.empty()) j["traceparent"] = m.traceparent;
  if (m.state == store::MessageState::kDelivered) {
    if (view == MessageView::kFull) {
      j["result"] = m.result;
    } else {
      j["result_bytes"] = m.result.size();
    }
  }
  return j;
}

nlohmann::json attempts_json(const std::vector<store::AttemptRecord>& attempts) {
  auto list = nlohmann::json::array();
  for (const auto& a : attempts) {
    nlohmann::json one{{"attempt", a.attempt},
                       {"node", a.node_id},
                       {"ended_at", rfc3339(a.ended_at)},
                       {"outcome", store::to_string(a.outcome)},
                       {"detail", a.detail}};
    if (a.started_at) {
      one["started_at"] = rfc3339(*a.started_at);
      one["duration_ms"] =
          std::chrono::duration_cast<std::chrono::milliseconds>(a.ended_at - *a.started_at).count();
    }
    if (a.far_status != 0) one["far_status"] = a.far_status;
    if (!a.error_class.empty()) one["error_class"] = a.error_class;
    list.push_back(std::move(one));
  }
  return list;
}

}  // namespace lienthong::delivery
