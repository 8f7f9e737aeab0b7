#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/delivery/connector_guard.hpp"

namespace lienthong::delivery {

/// Which connectors the delivery loop leaves alone for now, and when to look again.
struct ConnectorPauses {
  std::vector<std::string> connectors;  ///< their guards refuse calls now (sorted by id)
  /// The shortest of their refusals: the loop wakes then, so that a circuit whose open period
  /// ended gets its probe and a refilled bucket its next message. Nothing when none is paused.
  std::optional<std::chrono::milliseconds> resume_in;
};

/// Pure: asks each guard (refusing_for, which takes no probe and no token). Claiming a message
/// of a paused connector would only see it refused and handed back.
ConnectorPauses pauses_of(
    const std::map<std::string, std::shared_ptr<ConnectorGuard>, std::less<>>& guards);

/// Why a message the guard refused waits, as its status shows it (`waiting_for`):
/// "circuit_open" or "rate_limit".
std::string waiting_for(const Problem& refusal);

}  // namespace lienthong::delivery
