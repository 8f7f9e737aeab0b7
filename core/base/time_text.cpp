#include "core/base/time_text.hpp"

#include <cstdio>
#include <ctime>

namespace lienthong {

std::string rfc3339_millis(std::int64_t ms) {
  // Floor division, so times before 1970 keep a millisecond part in 0-999.
  const auto seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  const auto millis = static_cast<int>(ms - static_cast<std::int64_t>(seconds) * 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return text;
}

namespace {

// The value of `n` digits at `at`, or -1 when any is not a digit.
int digits(std::string_view t, std::size_t at, std::size_t n) {
  if (at + n > t.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (t[i] < '0' || t[i] > '9') return -1;
    v = v * 10 + (t[i] - '0');
  }
  return v;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::int64_t utc_seconds(int year, int month, int day, int hour, int minute, int second) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::optional<std::int64_t> parse_rfc3339_millis(std::string_view t) {
  const int year = digits(t, 0, 4);
  const int month = digits(t, 5, 2);
  const int day = digits(t, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || t.size() < 10 || t[4] != '-' ||
      t[7] != '-' || day > days_in_month(year, month)) {
    return std::nullopt;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
  int offset_minutes = 0;
  if (t.size() > 10) {
    hour = digits(t, 11, 2);
    minute = digits(t, 14, 2);
    second = digits(t, 17, 2);
    if ((t[10] != 'T' && t[10] != 't') || t.size() < 20 || t[13] != ':' || t[16] != ':' ||
        hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
      return std::nullopt;
    }
    std::size_t i = 19;
    if (t[i] == '.') {
      const std::size_t from = ++i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      if (i == from) return std::nullopt;
      for (std::size_t k = from; k < from + 3; ++k) {
        millis = millis * 10 + (k < i ? t[k] - '0' : 0);
      }
    }
    if (i < t.size() && (t[i] == 'Z' || t[i] == 'z') && i + 1 == t.size()) {
      offset_minutes = 0;
    } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':') {
      const int oh = digits(t, i + 1, 2);
      const int om = digits(t, i + 4, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
      offset_minutes = (t[i] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  const auto seconds =
      utc_seconds(year, month, day, hour, minute, second) - std::int64_t{offset_minutes} * 60;
  return seconds * 1000 + millis;
}

}  // namespace lienthong
