#include "core/log/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "core/log/mask.hpp"

namespace lienthong::log {
namespace {

std::atomic<Level> g_level{Level::kInfo};
std::atomic<void (*)(std::string_view)> g_sink{nullptr};
std::mutex g_mutex;

std::string_view level_name(Level level) {
  switch (level) {
    case Level::kDebug:
      return "DEBUG";
    case Level::kInfo:
      return "INFO";
    case Level::kWarn:
      return "WARN";
    case Level::kError:
      return "ERROR";
  }
  return "INFO";
}

bool needs_quotes(std::string_view v) {
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=') return true;
  }
  return v.empty();
}

void append_value(std::string& line, std::string_view v) {
  if (!needs_quotes(v)) {
    line.append(v);
    return;
  }
  line += '"';
  for (char c : v) {
    if (c == '"' || c == '\\') line += '\\';
    line += (c == '\n' ? ' ' : c);
  }
  line += '"';
}

}  // namespace

void set_level(Level level) {
  g_level = level;
}
void set_sink(void (*sink)(std::string_view line)) {
  g_sink = sink;
}

void write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (level < g_level.load()) return;
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char ts[64];
  std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms.count()));
  std::string line;
  line.reserve(128);
  line += ts;
  line += ' ';
  line += level_name(level);
  line += ' ';
  line += event;
  for (const auto& f : fields) {
    line += ' ';
    line += f.key;
    line += '=';
    append_value(line, f.personal ? mask_value(f.value) : f.value);
  }
  line = mask_line(line);
  if (auto* sink = g_sink.load()) {
    sink(line);
    return;
  }
  line += '\n';
  std::lock_guard lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace lienthong::log
