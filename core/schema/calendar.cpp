#include "core/schema/calendar.hpp"

#include <chrono>

namespace lienthong::schema {

bool is_real_date(int year, int month, int day) {
  if (year < 1 || year > 9999) return false;
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  return month >= 1 && month <= 12 && day >= 1 && ymd.ok();
}

std::optional<int> parse_fixed_digits(std::string_view text, std::size_t width) {
  if (text.size() != width || width == 0 || width > 9) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = parse_fixed_digits(text.substr(0, 4), 4);
  auto month = parse_fixed_digits(text.substr(5, 2), 2);
  auto day = parse_fixed_digits(text.substr(8, 2), 2);
  if (!year || !month || !day || !is_real_date(*year, *month, *day)) return std::nullopt;
  return CivilDate{*year, *month, *day};
}

int current_year_utc7() {
  using namespace std::chrono;
  const auto now = floor<days>(system_clock::now() + hours{7});
  return static_cast<int>(year_month_day{now}.year());
}

}  // namespace lienthong::schema
