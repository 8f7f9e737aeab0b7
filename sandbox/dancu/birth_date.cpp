#include "sandbox/dancu/birth_date.hpp"

#include "core/schema/calendar.hpp"

namespace lienthong::sandbox::dancu {
namespace {

constexpr int kFirstYear = 1900;

}  // namespace

bool is_birth_year(std::string_view text) {
  const auto year = schema::parse_fixed_digits(text, 4);
  return year && *year >= kFirstYear && *year <= schema::current_year_utc7();
}

bool is_compact_date(std::string_view text) {
  if (text.size() != 8 || !is_birth_year(text.substr(0, 4))) return false;
  const auto year = schema::parse_fixed_digits(text.substr(0, 4), 4);
  const auto month = schema::parse_fixed_digits(text.substr(4, 2), 2);
  const auto day = schema::parse_fixed_digits(text.substr(6, 2), 2);
  return year && month && day && schema::is_real_date(*year, *month, *day);
}

bool birth_matches(const Citizen& citizen, std::optional<std::string_view> date,
                   std::optional<std::string_view> year) {
  if (date) {
    if (citizen.ngay_thang_nam) return *date == *citizen.ngay_thang_nam;
    return date->substr(0, 4) == citizen.nam;
  }
  return year && *year == citizen.nam;
}

}  // namespace lienthong::sandbox::dancu
