#include "core/metrics/registry.hpp"

#include <exception>
#include <stdexcept>
#include <utility>

namespace lienthong::metrics {

struct Collection::Collectors {
  std::mutex mutex;
  std::uint64_t next_id = 1;
  std::map<std::uint64_t, std::shared_ptr<const Collector>> entries;
};

Collection::Collection(Collection&& other) noexcept
    : owner_(std::move(other.owner_)), id_(std::exchange(other.id_, 0)) {}

Collection& Collection::operator=(Collection&& other) noexcept {
  if (this != &other) {
    reset();
    owner_ = std::move(other.owner_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

Collection::~Collection() {
  reset();
}

void Collection::reset() {
  if (id_ == 0) return;
  if (auto owner = owner_.lock()) {
    std::lock_guard lock(owner->mutex);
    owner->entries.erase(id_);
  }
  id_ = 0;
  owner_.reset();
}

Registry::Registry() : collectors_(std::make_shared<Collection::Collectors>()) {}
Registry::~Registry() = default;

template <class F, class... Args>
F& Registry::family(std::string_view name, std::string_view help, Type type,
                    std::vector<std::string> label_names, Args&&... args) {
  std::lock_guard lock(mutex_);
  const auto it = families_.find(name);
  if (it != families_.end()) {
    auto* same = dynamic_cast<F*>(it->second.get());
    if (same == nullptr || same->type() != type || same->label_names() != label_names) {
      throw std::logic_error("metric " + std::string(name) +
                             " registered again with another type or labels");
    }
    return *same;
  }
  auto made = std::make_unique<F>(std::string(name), std::string(help), type,
                                  std::move(label_names), std::forward<Args>(args)...);
  auto& ref = *made;
  families_.emplace(std::string(name), std::move(made));
  return ref;
}

CounterFamily& Registry::counter(std::string_view name, std::string_view help,
                                 std::vector<std::string> label_names) {
  return family<CounterFamily>(name, help, Type::kCounter, std::move(label_names));
}

GaugeFamily& Registry::gauge(std::string_view name, std::string_view help,
                             std::vector<std::string> label_names) {
  return family<GaugeFamily>(name, help, Type::kGauge, std::move(label_names));
}

HistogramFamily& Registry::histogram(std::string_view name, std::string_view help,
                                     std::vector<std::string> label_names,
                                     std::span<const double> bounds) {
  // By value: children are made later, after the caller's span may be gone.
  return family<HistogramFamily>(name, help, Type::kHistogram, std::move(label_names),
                                 std::vector<double>(bounds.begin(), bounds.end()));
}

Collection Registry::add_collector(Collector collector) {
  std::lock_guard lock(collectors_->mutex);
  const auto id = collectors_->next_id++;
  collectors_->entries.emplace(id, std::make_shared<const Collector>(std::move(collector)));
  return Collection(collectors_, id);
}

void Registry::write(Exposition& out) const {
  {
    std::lock_guard lock(mutex_);
    for (const auto& [name, family] : families_) family->write(out);
  }
  // Copied out so that a slow collector holds no lock, and one that is unregistered meanwhile
  // finishes this scrape.
  std::vector<std::shared_ptr<const Collector>> collectors;
  {
    std::lock_guard lock(collectors_->mutex);
    for (const auto& [id, c] : collectors_->entries) collectors.push_back(c);
  }
  for (const auto& c : collectors) {
    try {
      (*c)(out);
    } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): a scrape outlives it
    }
  }
}

std::string Registry::render() const {
  Exposition out;
  write(out);
  return out.take();
}

Registry& global() {
  static Registry registry;
  return registry;
}

}  // namespace lienthong::metrics
