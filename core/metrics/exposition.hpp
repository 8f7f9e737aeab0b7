#pragma once

#include <cstdint>
#include <initializer_list>
#include <set>
#include <span>
#include <string>
#include <string_view>

namespace lienthong::metrics {

enum class Type { kCounter, kGauge, kHistogram };
std::string_view to_string(Type type);

/// One label of a sample. Values are only ever fixed words the hub chose (connector ids,
/// operation names, states, classes): never a message id, a client key or personal data.
struct Label {
  std::string_view name;
  std::string_view value;
};

/// Writes the Prometheus text exposition format 0.0.4: per family its `# HELP` and `# TYPE`
/// lines, then its samples, all together. Label values and help texts are escaped here.
///
/// A family is written once per exposition: a second family() with a name already written
/// answers false and the samples that follow are dropped until the next family() — so a
/// collector that repeats another's family cannot make the whole scrape invalid.
class Exposition {
 public:
  /// Starts a family (its HELP and TYPE lines). False when `name` was written already.
  bool family(std::string_view name, Type type, std::string_view help);
  /// A sample of the current family: `name{labels} value`. `name` is the family's name, or
  /// for a histogram the family's name with `_bucket`, `_sum` or `_count`.
  void sample(std::string_view name, std::span<const Label> labels, double value);
  void sample(std::string_view name, std::initializer_list<Label> labels, double value) {
    sample(name, std::span<const Label>(labels.begin(), labels.size()), value);
  }
  void sample(std::string_view name, std::span<const Label> labels, std::uint64_t value);
  void sample(std::string_view name, std::initializer_list<Label> labels, std::uint64_t value) {
    sample(name, std::span<const Label>(labels.begin(), labels.size()), value);
  }

  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] std::string take() { return std::move(text_); }

 private:
  void labels(std::span<const Label> labels);

  std::string text_;
  std::set<std::string, std::less<>> written_;
  bool dropping_ = false;
};

/// A sample value as the text format spells it: shortest round-trip decimal, `+Inf`, `-Inf`,
/// `NaN`.
std::string format_value(double value);
/// `\` `"` and line feeds escaped, as label values need.
std::string escape_label_value(std::string_view value);
/// `\` and line feeds escaped, as HELP texts need.
std::string escape_help(std::string_view help);
/// Whether `name` is a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`).
bool valid_metric_name(std::string_view name);
/// Whether `name` is a valid label name (`[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__`).
bool valid_label_name(std::string_view name);

/// The Content-Type of the text format.
inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace lienthong::metrics
