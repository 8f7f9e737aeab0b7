#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/metrics/exposition.hpp"
#include "core/metrics/family.hpp"
#include "core/metrics/histogram.hpp"

namespace lienthong::metrics {

/// Writes families computed at scrape time (a queue depth read from the store, a circuit's
/// state): HELP/TYPE through Exposition::family, then the samples. Runs on the hub's blocking
/// pool during a scrape, so a short blocking read is fine; it must not throw (a collector that
/// throws loses only what it had not written yet).
using Collector = std::function<void(Exposition&)>;

class Registry;

/// Keeps a collector registered while it lives (move-only); the destructor removes it. A
/// scrape already running may still call the collector once after that, so a collector holds
/// what it reads by shared or weak pointer, never by a reference that may dangle.
class Collection {
 public:
  Collection() = default;
  Collection(Collection&& other) noexcept;
  Collection& operator=(Collection&& other) noexcept;
  Collection(const Collection&) = delete;
  Collection& operator=(const Collection&) = delete;
  ~Collection();

  /// Unregisters now (idempotent).
  void reset();

 private:
  friend class Registry;
  struct Collectors;
  Collection(std::weak_ptr<Collectors> owner, std::uint64_t id)
      : owner_(std::move(owner)), id_(id) {}
  std::weak_ptr<Collectors> owner_;
  std::uint64_t id_ = 0;
};

/// The hub's metrics: families of counters, gauges and histograms kept by the modules that
/// count (get-or-create by name, so two parts asking for the same family share it), and
/// collectors that compute families at scrape time. Thread-safe. README.md has the rules.
class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  /// The family called `name`, created on first use. Asking again with another type or other
  /// label names is a programming error (std::logic_error).
  CounterFamily& counter(std::string_view name, std::string_view help,
                         std::vector<std::string> label_names = {});
  GaugeFamily& gauge(std::string_view name, std::string_view help,
                     std::vector<std::string> label_names = {});
  HistogramFamily& histogram(std::string_view name, std::string_view help,
                             std::vector<std::string> label_names,
                             std::span<const double> bounds = latency_buckets());

  /// Registers a collector until the answered Collection is destroyed.
  [[nodiscard]] Collection add_collector(Collector collector);

  /// Every family (by name), then every collector (in registration order).
  void write(Exposition& out) const;
  /// write() into a fresh exposition: the body of `GET /metrics`.
  [[nodiscard]] std::string render() const;

 private:
  template <class F, class... Args>
  F& family(std::string_view name, std::string_view help, Type type,
            std::vector<std::string> label_names, Args&&... args);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<FamilyBase>, std::less<>> families_;
  std::shared_ptr<Collection::Collectors> collectors_;
};

/// The process's registry: what `GET /metrics` on the admin listener shows. Modules that count
/// events (the doors, the deliver stage, TLS, OCSP) keep their series here; parts with state
/// of their own add collectors and keep the Collection as long as they live.
Registry& global();

}  // namespace lienthong::metrics
