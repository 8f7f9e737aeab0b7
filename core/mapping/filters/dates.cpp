#include "core/mapping/filters/dates.hpp"

#include <chrono>
#include <cstdio>

namespace lienthong::mapping::detail {
namespace {

using Precision = LocalTime::Precision;
constexpr int kVietnamOffsetSeconds = 7 * 3600;

struct Format {
  std::string_view name;
  DateFormat format;
};
constexpr Format kFormats[] = {
    {"dd/MM/yyyy", DateFormat::kDayMonthYear},
    {"yyyyMMdd", DateFormat::kCompactDate},
    {"yyyyMMddHHmmss", DateFormat::kCompactTime},
    {"yyyy", DateFormat::kYear},
    {"iso", DateFormat::kIso},
};

std::string_view name_of(DateFormat f) {
  for (const auto& known : kFormats) {
    if (known.format == f) return known.name;
  }
  return "?";
}

// Reads exactly `count` digits at `pos`.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t count) {
  if (pos + count > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

// Reads one or two digits (registries write both 1/2/2020 and 01/02/2020).
std::optional<int> short_number(std::string_view s, std::size_t& pos) {
  if (auto two = digits(s, pos, 2)) return two;
  return digits(s, pos, 1);
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<std::string> check(const LocalTime& t) {
  if (t.year < 1 || t.year > 9999) return "year out of range";
  if (t.precision == Precision::kYear) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{t.year},
                                        std::chrono::month{static_cast<unsigned>(t.month)},
                                        std::chrono::day{static_cast<unsigned>(t.day)}};
  if (!ymd.ok()) return "no such date";
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return "no such time of day";
  return std::nullopt;
}

// Reads "Z", "+HH:MM", "+HHMM", "-HH:MM" or nothing (already Vietnam time); seconds east of UTC.
std::optional<int> offset(std::string_view s, std::size_t& pos) {
  if (pos == s.size()) return kVietnamOffsetSeconds;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
    return 0;
  }
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const int sign = s[pos++] == '-' ? -1 : 1;
  auto hours = digits(s, pos, 2);
  if (pos < s.size() && s[pos] == ':') ++pos;
  auto minutes = digits(s, pos, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  return sign * (*hours * 3600 + *minutes * 60);
}

// Moves a wall time at `offset_seconds` east of UTC to Vietnam wall time.
LocalTime to_vietnam(LocalTime t, int offset_seconds) {
  using namespace std::chrono;
  const sys_days day{year{t.year} / month{static_cast<unsigned>(t.month)} /
                     std::chrono::day{static_cast<unsigned>(t.day)}};
  const sys_seconds moment = day + hours{t.hour} + minutes{t.minute} + seconds{t.second} -
                             seconds{offset_seconds} + seconds{kVietnamOffsetSeconds};
  const auto date = floor<days>(moment);
  const year_month_day ymd{date};
  const hh_mm_ss clock{moment - date};
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.hour = static_cast<int>(clock.hours().count());
  t.minute = static_cast<int>(clock.minutes().count());
  t.second = static_cast<int>(clock.seconds().count());
  return t;
}

std::optional<LocalTime> parse_iso(std::string_view s, int& offset_seconds) {
  LocalTime t;
  std::size_t pos = 0;
  auto y = digits(s, pos, 4);
  bool ok = y && expect(s, pos, '-');
  auto m = digits(s, pos, 2);
  ok = ok && m && expect(s, pos, '-');
  auto d = digits(s, pos, 2);
  if (!ok || !d) return std::nullopt;
  t.year = *y;
  t.month = *m;
  t.day = *d;
  offset_seconds = kVietnamOffsetSeconds;
  if (pos == s.size()) return t;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  t.precision = Precision::kDateTime;
  auto hh = digits(s, pos, 2);
  ok = hh && expect(s, pos, ':');
  auto mm = digits(s, pos, 2);
  if (!ok || !mm) return std::nullopt;
  t.hour = *hh;
  t.minute = *mm;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    auto ss = digits(s, pos, 2);
    if (!ss) return std::nullopt;
    t.second = *ss;
    if (pos < s.size() && s[pos] == '.') {  // fractions of a second are dropped
      ++pos;
      const std::size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  auto off = offset(s, pos);
  if (!off || pos != s.size()) return std::nullopt;
  offset_seconds = *off;
  return t;
}

std::optional<LocalTime> parse_fixed(std::string_view s, DateFormat from) {
  LocalTime t;
  std::size_t pos = 0;
  std::optional<int> y, m, d;
  switch (from) {
    case DateFormat::kDayMonthYear:
      d = short_number(s, pos);
      if (!d || !expect(s, pos, '/')) return std::nullopt;
      m = short_number(s, pos);
      if (!m || !expect(s, pos, '/')) return std::nullopt;
      y = digits(s, pos, 4);
      break;
    case DateFormat::kYear:
      y = digits(s, pos, 4);
      t.precision = Precision::kYear;
      m = d = 1;
      break;
    default:  // yyyyMMdd and yyyyMMddHHmmss
      y = digits(s, pos, 4);
      m = digits(s, pos, 2);
      d = digits(s, pos, 2);
      if (from == DateFormat::kCompactTime) {
        t.precision = Precision::kDateTime;
        auto hh = digits(s, pos, 2);
        auto mi = digits(s, pos, 2);
        auto ss = digits(s, pos, 2);
        if (!hh || !mi || !ss) return std::nullopt;
        t.hour = *hh;
        t.minute = *mi;
        t.second = *ss;
      }
  }
  if (!y || !m || !d || pos != s.size()) return std::nullopt;
  t.year = *y;
  t.month = *m;
  t.day = *d;
  return t;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<DateFormat> parse_date_format(std::string_view name) {
  for (const auto& known : kFormats) {
    if (known.name == name) return known.format;
  }
  return std::nullopt;
}

std::string_view date_format_names() {
  return "dd/MM/yyyy, yyyyMMdd, yyyyMMddHHmmss, yyyy, iso";
}

std::optional<std::string> date_conversion_problem(DateFormat from, DateFormat to) {
  if (from == DateFormat::kYear && to != DateFormat::kYear) {
    return "a year alone (yyyy) cannot become " + std::string(name_of(to));
  }
  return std::nullopt;
}

Result<LocalTime, std::string> parse_date(std::string_view text, DateFormat from) {
  const std::string_view s = trimmed(text);
  int offset_seconds = kVietnamOffsetSeconds;
  auto t = from == DateFormat::kIso ? parse_iso(s, offset_seconds) : parse_fixed(s, from);
  if (!t) return "'" + std::string(text) + "' is not a " + std::string(name_of(from)) + " date";
  if (auto problem = check(*t)) return "'" + std::string(text) + "': " + *problem;
  if (offset_seconds != kVietnamOffsetSeconds) {
    t = to_vietnam(*t, offset_seconds);
    if (auto problem = check(*t)) return "'" + std::string(text) + "': " + *problem;
  }
  return *t;
}

std::string format_date(const LocalTime& t, DateFormat to) {
  char buf[32];
  const bool has_time = t.precision == Precision::kDateTime;
  switch (to) {
    case DateFormat::kDayMonthYear:
      std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", t.day, t.month, t.year);
      break;
    case DateFormat::kCompactDate:
      std::snprintf(buf, sizeof buf, "%04d%02d%02d", t.year, t.month, t.day);
      break;
    case DateFormat::kCompactTime:
      std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", t.year, t.month, t.day, t.hour,
                    t.minute, t.second);
      break;
    case DateFormat::kYear:
      std::snprintf(buf, sizeof buf, "%04d", t.year);
      break;
    case DateFormat::kIso:
      if (t.precision == Precision::kYear) {
        std::snprintf(buf, sizeof buf, "%04d", t.year);
      } else if (has_time) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", t.year, t.month,
                      t.day, t.hour, t.minute, t.second);
      } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
      }
      break;
  }
  return buf;
}

}  // namespace lienthong::mapping::detail
