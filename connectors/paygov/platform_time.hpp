#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lienthong::connectors::paygov {

using Clock = std::chrono::system_clock;

/// `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, the platform's time stamps. Viet Nam has kept UTC+7
/// without daylight saving since 1975, so a fixed offset is exact for every time the hub sees
/// (and GCC 12's standard library has no time-zone database to ask).
std::string platform_time(Clock::time_point t);
/// The inverse; nullopt unless exactly 14 digits of a real calendar time.
std::optional<Clock::time_point> parse_platform_time(std::string_view text);
/// `yyyyMMdd` of the day `t` falls on in Asia/Ho_Chi_Minh.
std::string platform_day(Clock::time_point t);
/// RFC 3339 with the +07:00 offset, for the canonical messages: "2026-12-06T14:05:09+07:00".
std::string local_iso8601(Clock::time_point t);

}  // namespace lienthong::connectors::paygov
