#include "sandbox/paygov/vn_time.hpp"

#include <cstdio>

namespace lienthong::sandbox::paygov {
namespace {

using namespace std::chrono;

constexpr hours kVietnamOffset{7};

struct Civil {
  year_month_day date;
  hh_mm_ss<milliseconds> time;
};

Civil civil(TimePoint at) {
  const auto local = time_point_cast<milliseconds>(at) + kVietnamOffset;
  const auto day = floor<days>(local);
  return {year_month_day{day}, hh_mm_ss<milliseconds>{local - day}};
}

std::optional<int> digits(std::string_view text, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string format_timestamp(TimePoint at) {
  const auto c = civil(at);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u%02d%02d%02d", static_cast<int>(c.date.year()),
                static_cast<unsigned>(c.date.month()), static_cast<unsigned>(c.date.day()),
                static_cast<int>(c.time.hours().count()),
                static_cast<int>(c.time.minutes().count()),
                static_cast<int>(c.time.seconds().count()));
  return buffer;
}

std::string format_day(TimePoint at) {
  return format_timestamp(at).substr(0, 8);
}

std::string format_iso(TimePoint at) {
  const auto c = civil(at);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03d+07:00",
                static_cast<int>(c.date.year()), static_cast<unsigned>(c.date.month()),
                static_cast<unsigned>(c.date.day()), static_cast<int>(c.time.hours().count()),
                static_cast<int>(c.time.minutes().count()),
                static_cast<int>(c.time.seconds().count()),
                static_cast<int>(c.time.subseconds().count()));
  return buffer;
}

std::optional<sys_days> parse_day(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  const auto y = digits(text, 0, 4);
  const auto m = digits(text, 4, 2);
  const auto d = digits(text, 6, 2);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return sys_days{date};
}

std::optional<TimePoint> parse_timestamp(std::string_view text) {
  if (text.size() != 14) return std::nullopt;
  const auto date = parse_day(text.substr(0, 8));
  const auto h = digits(text, 8, 2);
  const auto mi = digits(text, 10, 2);
  const auto s = digits(text, 12, 2);
  if (!date || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const auto local = *date + hours{*h} + minutes{*mi} + seconds{*s};
  return time_point_cast<Clock::duration>(local - kVietnamOffset);
}

bool within(TimePoint at, TimePoint now, std::chrono::seconds window) {
  return at >= now - window && at <= now + window;
}

}  // namespace lienthong::sandbox::paygov
