#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace lienthong::log {

enum class Level { kDebug, kInfo, kWarn, kError };

/// One key=value field of a log line. `personal` values (IDs, names, dates of birth, tokens)
/// are masked with mask_value(); every finished line also goes through mask_line().
struct Field {
  std::string_view key;
  std::string value;
  bool personal = false;
};

inline Field personal(std::string_view key, std::string_view value) {
  return Field{key, std::string(value), true};
}

/// Sets the lowest level written (default kInfo) and where lines go (default stderr).
void set_level(Level level);
/// Redirects log lines to `sink` (tests use it to scan what was written); nullptr = stderr.
void set_sink(void (*sink)(std::string_view line));

/// Writes `ts level event key=value ...` as one line, atomically with respect to other lines.
void write(Level level, std::string_view event, std::initializer_list<Field> fields = {});

inline void debug(std::string_view e, std::initializer_list<Field> f = {}) {
  write(Level::kDebug, e, f);
}
inline void info(std::string_view e, std::initializer_list<Field> f = {}) {
  write(Level::kInfo, e, f);
}
inline void warn(std::string_view e, std::initializer_list<Field> f = {}) {
  write(Level::kWarn, e, f);
}
inline void error(std::string_view e, std::initializer_list<Field> f = {}) {
  write(Level::kError, e, f);
}

}  // namespace lienthong::log
