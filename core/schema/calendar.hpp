#pragma once

#include <optional>
#include <string_view>

namespace lienthong::schema {

/// A calendar date as written in identifiers and ISO dates.
struct CivilDate {
  int year;
  int month;
  int day;
  bool operator==(const CivilDate&) const = default;
};

/// True when year/month/day name a day of the proleptic Gregorian calendar (leap years counted).
bool is_real_date(int year, int month, int day);

/// Value of `text` when it is exactly `width` ASCII digits, else nullopt.
std::optional<int> parse_fixed_digits(std::string_view text, std::size_t width);

/// `yyyy-MM-dd` that names a real day, else nullopt.
std::optional<CivilDate> parse_iso_date(std::string_view text);

/// The current year in Vietnam (UTC+7), where birth years in personal IDs are judged.
int current_year_utc7();

}  // namespace lienthong::schema
