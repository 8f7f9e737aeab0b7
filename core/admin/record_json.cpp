#include "core/admin/record_json.hpp"

#include "core/delivery/queue_json.hpp"

namespace lienthong::admin {

nlohmann::json record_json(const store::StateRecord& r) {
  auto data = nlohmann::json::parse(r.data, nullptr, false);
  if (data.is_discarded()) data = nullptr;
  return {{"kind", r.kind},
          {"id", r.id},
          {"state", r.state},
          {"client", r.client},
          {"created_at", delivery::rfc3339(r.created_at)},
          {"updated_at", delivery::rfc3339(r.updated_at)},
          {"version", r.version},
          {"data", std::move(data)}};
}

nlohmann::json record_events_json(const std::vector<store::RecordEvent>& events) {
  auto out = nlohmann::json::array();
  for (const auto& e : events) {
    nlohmann::json j = {
        {"at", delivery::rfc3339(e.at)},
        {"from", e.from_state.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.from_state)},
        {"to", e.to_state},
        {"cause", e.cause}};
    if (!e.detail.empty()) j["detail"] = e.detail;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace lienthong::admin
