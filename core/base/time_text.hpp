#pragma once

#include <cstdint>
#include <string>

namespace lienthong {

/// "2026-12-07T10:15:30.123Z": RFC 3339 UTC with milliseconds, for Unix milliseconds `ms` (the
/// one spelling of times in the hub's JSON, journal entries and operators' output).
std::string rfc3339_millis(std::int64_t ms);

}  // namespace lienthong
