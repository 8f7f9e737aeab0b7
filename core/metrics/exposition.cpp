#include "core/metrics/exposition.hpp"

#include <charconv>
#include <cmath>

namespace lienthong::metrics {
namespace {

bool name_char(char c, bool first, bool colon) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return alpha || (colon && c == ':') || (!first && c >= '0' && c <= '9');
}

bool valid_name(std::string_view name, bool colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!name_char(name[i], i == 0, colon)) return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(Type type) {
  switch (type) {
    case Type::kCounter:
      return "counter";
    case Type::kGauge:
      return "gauge";
    case Type::kHistogram:
      return "histogram";
  }
  return "untyped";
}

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : "NaN";
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_help(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (const char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

bool valid_metric_name(std::string_view name) {
  return valid_name(name, true);
}

bool valid_label_name(std::string_view name) {
  return valid_name(name, false) && !name.starts_with("__");
}

bool Exposition::family(std::string_view name, Type type, std::string_view help) {
  if (written_.contains(name)) {
    dropping_ = true;
    return false;
  }
  dropping_ = false;
  written_.emplace(name);
  text_.append("# HELP ").append(name).append(" ").append(escape_help(help)).append("\n");
  text_.append("# TYPE ").append(name).append(" ").append(to_string(type)).append("\n");
  return true;
}

void Exposition::labels(std::span<const Label> labels) {
  if (labels.empty()) return;
  text_ += '{';
  bool first = true;
  for (const auto& l : labels) {
    if (!first) text_ += ',';
    first = false;
    text_.append(l.name).append("=\"").append(escape_label_value(l.value)).append("\"");
  }
  text_ += '}';
}

void Exposition::sample(std::string_view name, std::span<const Label> labels, double value) {
  if (dropping_) return;
  text_.append(name);
  this->labels(labels);
  text_.append(" ").append(format_value(value)).append("\n");
}

void Exposition::sample(std::string_view name, std::span<const Label> labels, std::uint64_t value) {
  if (dropping_) return;
  text_.append(name);
  this->labels(labels);
  text_.append(" ").append(std::to_string(value)).append("\n");
}

}  // namespace lienthong::metrics
