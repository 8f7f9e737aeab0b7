#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::mapping::detail {

/// Date formats of the `date(from, to)` filter. Wall-clock formats are Asia/Ho_Chi_Minh time
/// (UTC+7 all year: Vietnam has had no daylight saving since 1975, so no tz database is needed).
enum class DateFormat {
  kDayMonthYear,  ///< dd/MM/yyyy
  kCompactDate,   ///< yyyyMMdd
  kCompactTime,   ///< yyyyMMddHHmmss
  kYear,          ///< yyyy
  kIso,           ///< yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss(.fff)(Z|±HH:MM)
};

std::optional<DateFormat> parse_date_format(std::string_view name);
/// "dd/MM/yyyy, yyyyMMdd, yyyyMMddHHmmss, yyyy, iso" for messages.
std::string_view date_format_names();
/// Why `from` cannot become `to` (a year alone has no day), or nullopt when it can.
std::optional<std::string> date_conversion_problem(DateFormat from, DateFormat to);

/// A point in Vietnam wall-clock time, as precise as the text it came from.
struct LocalTime {
  enum class Precision { kYear, kDate, kDateTime };
  Precision precision = Precision::kDate;
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool operator==(const LocalTime&) const = default;
};

/// Parses `text` in format `from`; ISO date-times with another offset are moved to UTC+7.
/// Impossible dates (31/02/2020) are errors.
Result<LocalTime, std::string> parse_date(std::string_view text, DateFormat from);
/// Formats `t` in `to`. A date-time becomes its UTC+7 date in date-only formats; a date becomes
/// midnight in yyyyMMddHHmmss. `iso` keeps the precision of `t`.
std::string format_date(const LocalTime& t, DateFormat to);

}  // namespace lienthong::mapping::detail
