#pragma once

#include <optional>

#include "core/http/types.hpp"

namespace lienthong::http {

/// The far side's `Retry-After` in seconds (the delta-seconds form; an HTTP date is ignored, as
/// is anything malformed). One reading for every caller of external or provincial systems.
std::optional<int> retry_after_seconds(const Response& response);

}  // namespace lienthong::http
