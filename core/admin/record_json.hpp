#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/store/record.hpp"

namespace lienthong::admin {

/// A state record as operators read it (admin API, `lienthong payments ...`): `{kind, id,
/// state, client, created_at, updated_at, version, data}` with its data parsed.
nlohmann::json record_json(const store::StateRecord& record);

/// Its history, oldest first: `[{at, from, to, cause, detail?}]`.
nlohmann::json record_events_json(const std::vector<store::RecordEvent>& events);

}  // namespace lienthong::admin
