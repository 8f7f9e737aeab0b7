#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lienthong {

/// "2026-12-07T10:15:30.123Z": RFC 3339 UTC with milliseconds, for Unix milliseconds `ms` (the
/// one spelling of times in the hub's JSON, journal entries and operators' output).
std::string rfc3339_millis(std::int64_t ms);

/// Unix seconds of a UTC calendar time (timegm; fields as written: month 1-12, day 1-31).
std::int64_t utc_seconds(int year, int month, int day, int hour, int minute, int second);

/// Unix milliseconds of an RFC 3339 time with its offset ("2026-12-07T10:15:30Z",
/// "2026-12-07T17:15:30.123+07:00"; fraction optional, at most millisecond precision kept) or
/// of a date alone ("2026-12-07": its midnight UTC); nullopt for anything else, so callers can
/// refuse it precisely.
std::optional<std::int64_t> parse_rfc3339_millis(std::string_view text);

}  // namespace lienthong
