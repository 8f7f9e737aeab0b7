#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/metrics/counter.hpp"
#include "core/metrics/exposition.hpp"
#include "core/metrics/gauge.hpp"
#include "core/metrics/histogram.hpp"

namespace lienthong::metrics {

/// What every family is to the registry: a name, a type, and its samples.
class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, Type type, std::vector<std::string> label_names);
  virtual ~FamilyBase() = default;
  FamilyBase(const FamilyBase&) = delete;
  FamilyBase& operator=(const FamilyBase&) = delete;

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] Type type() const { return type_; }
  [[nodiscard]] const std::vector<std::string>& label_names() const { return label_names_; }
  /// HELP, TYPE and one sample (a histogram: its bucket, sum and count lines) per child.
  void write(Exposition& out) const;

 protected:
  /// Label values must match label_names() in number (std::invalid_argument otherwise: a
  /// programming error, found by the first test that runs the code).
  void check_arity(std::size_t values) const;
  virtual void write_children(Exposition& out) const = 0;

  std::string name_;
  std::string help_;
  Type type_;
  std::vector<std::string> label_names_;
};

/// The series of one metric, one child per set of label values. with() creates a child on
/// first use and answers the same one after (the address never changes), so callers look a
/// child up once — when a route or a connector's guard is built — and keep the reference;
/// the hot path then touches only the child's atomics. with() itself takes a mutex.
template <class Metric>
class Family final : public FamilyBase {
 public:
  template <class... Args>
  Family(std::string name, std::string help, Type type, std::vector<std::string> label_names,
         Args&&... metric_args)
      : FamilyBase(std::move(name), std::move(help), type, std::move(label_names)),
        make_(
            [... a = std::forward<Args>(metric_args)] { return std::make_unique<Metric>(a...); }) {}

  Metric& with(std::span<const std::string_view> values) {
    check_arity(values.size());
    std::vector<std::string> key(values.begin(), values.end());
    std::lock_guard lock(mutex_);
    auto& child = children_[std::move(key)];
    if (!child) child = make_();
    return *child;
  }
  Metric& with(std::initializer_list<std::string_view> values) {
    return with(std::span<const std::string_view>(values.begin(), values.size()));
  }

 private:
  void write_children(Exposition& out) const override;

  std::function<std::unique_ptr<Metric>()> make_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_;  ///< sorted: stable text
};

template <>
void Family<Counter>::write_children(Exposition& out) const;
template <>
void Family<Gauge>::write_children(Exposition& out) const;
template <>
void Family<Histogram>::write_children(Exposition& out) const;

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

}  // namespace lienthong::metrics
