#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lienthong::sandbox::paygov {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
/// The mock's clock, injectable for tests; empty = the system clock.
using NowFn = std::function<TimePoint()>;

inline TimePoint now_of(const NowFn& now) {
  return now ? now() : Clock::now();
}

/// Vietnam's wall-clock time (Asia/Ho_Chi_Minh: UTC+7, no daylight saving time) as the
/// platform writes it, `yyyyMMddHHmmss`.
std::string format_timestamp(TimePoint at);
/// The same day as `yyyyMMdd`.
std::string format_day(TimePoint at);
/// ISO 8601 with milliseconds and +07:00, for the tester's views.
std::string format_iso(TimePoint at);

/// `yyyyMMddHHmmss` naming a real instant of Vietnam's wall clock, else nullopt
/// (20250230... and 20250101246000 are refused).
std::optional<TimePoint> parse_timestamp(std::string_view text);
/// `yyyyMMdd` naming a real day, else nullopt.
std::optional<std::chrono::sys_days> parse_day(std::string_view text);

/// True when `at` is within `window` of `now` either way.
bool within(TimePoint at, TimePoint now, std::chrono::seconds window);

}  // namespace lienthong::sandbox::paygov
