#include "connectors/paygov/platform_time.hpp"

#include <charconv>
#include <cstdio>

namespace lienthong::connectors::paygov {
namespace {

constexpr auto kOffset = std::chrono::hours(7);

struct Civil {
  std::chrono::year_month_day day;
  std::chrono::hh_mm_ss<std::chrono::seconds> time;
};

Civil civil(Clock::time_point t) {
  const auto local = std::chrono::floor<std::chrono::seconds>(t) + kOffset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  return {std::chrono::year_month_day(day), std::chrono::hh_mm_ss(local - day)};
}

int number(std::string_view text) {
  int out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

}  // namespace

std::string platform_time(Clock::time_point t) {
  const auto c = civil(t);
  char out[32];  // 15 bytes for any real time; room for what the compiler cannot rule out
  std::snprintf(out, sizeof out, "%04d%02u%02u%02ld%02ld%02ld", static_cast<int>(c.day.year()),
                static_cast<unsigned>(c.day.month()), static_cast<unsigned>(c.day.day()),
                static_cast<long>(c.time.hours().count()),
                static_cast<long>(c.time.minutes().count()),
                static_cast<long>(c.time.seconds().count()));
  return out;
}

std::string platform_day(Clock::time_point t) {
  return platform_time(t).substr(0, 8);
}

std::optional<Clock::time_point> parse_platform_time(std::string_view text) {
  if (text.size() != 14) return std::nullopt;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
  }
  const std::chrono::year_month_day day{std::chrono::year(number(text.substr(0, 4))),
                                        std::chrono::month(number(text.substr(4, 2))),
                                        std::chrono::day(number(text.substr(6, 2)))};
  const int hh = number(text.substr(8, 2));
  const int mm = number(text.substr(10, 2));
  const int ss = number(text.substr(12, 2));
  if (!day.ok() || hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  const auto local = std::chrono::sys_days(day) + std::chrono::hours(hh) +
                     std::chrono::minutes(mm) + std::chrono::seconds(ss);
  return Clock::time_point(local - kOffset);
}

std::string local_iso8601(Clock::time_point t) {
  const std::string p = platform_time(t);
  return p.substr(0, 4) + "-" + p.substr(4, 2) + "-" + p.substr(6, 2) + "T" + p.substr(8, 2) + ":" +
         p.substr(10, 2) + ":" + p.substr(12, 2) + "+07:00";
}

}  // namespace lienthong::connectors::paygov
