#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/store/message.hpp"

namespace lienthong::store {

// Grouped counts for the hub's metrics (core/admin/metrics_api.*): read at scrape time, one
// cheap query each (the unfinished messages' partial index; records by kind and state).

/// Unfinished messages (queued, in_flight, retrying) of one connector in one state.
struct QueueCount {
  std::string connector;
  MessageState state = MessageState::kQueued;
  std::int64_t messages = 0;
  TimePoint oldest_accepted_at{};  ///< the oldest of them
};

/// State records of one kind in one state.
struct RecordCount {
  std::string state;
  std::int64_t records = 0;
};

}  // namespace lienthong::store
