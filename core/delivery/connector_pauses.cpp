#include "core/delivery/connector_pauses.hpp"

#include <algorithm>

namespace lienthong::delivery {

ConnectorPauses pauses_of(
    const std::map<std::string, std::shared_ptr<ConnectorGuard>, std::less<>>& guards) {
  ConnectorPauses out;
  for (const auto& [id, guard] : guards) {
    if (!guard) continue;
    auto wait = guard->refusing_for();
    if (!wait) continue;
    out.connectors.push_back(id);
    out.resume_in = std::min(out.resume_in.value_or(*wait), *wait);
  }
  return out;
}

std::string waiting_for(const Problem& refusal) {
  return refusal.kind == ProblemKind::kRateLimited ? "rate_limit" : "circuit_open";
}

}  // namespace lienthong::delivery
