#include "core/metrics/family.hpp"

#include <stdexcept>

namespace lienthong::metrics {
namespace {

std::vector<Label> labels_of(const std::vector<std::string>& names,
                             const std::vector<std::string>& values) {
  std::vector<Label> out;
  out.reserve(names.size() + 1);
  for (std::size_t i = 0; i < names.size(); ++i) out.push_back({names[i], values[i]});
  return out;
}

}  // namespace

FamilyBase::FamilyBase(std::string name, std::string help, Type type,
                       std::vector<std::string> label_names)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)) {
  if (!valid_metric_name(name_)) throw std::invalid_argument("bad metric name " + name_);
  for (const auto& l : label_names_) {
    if (!valid_label_name(l) || (type_ == Type::kHistogram && l == "le")) {
      throw std::invalid_argument("bad label name " + l + " of " + name_);
    }
  }
}

void FamilyBase::write(Exposition& out) const {
  if (!out.family(name_, type_, help_)) return;
  write_children(out);
}

void FamilyBase::check_arity(std::size_t values) const {
  if (values != label_names_.size()) {
    throw std::invalid_argument(name_ + " takes " + std::to_string(label_names_.size()) +
                                " label values, not " + std::to_string(values));
  }
}

template <>
void Family<Counter>::write_children(Exposition& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, child] : children_) {
    out.sample(name_, labels_of(label_names_, values), child->value());
  }
}

template <>
void Family<Gauge>::write_children(Exposition& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, child] : children_) {
    out.sample(name_, labels_of(label_names_, values), child->value());
  }
}

template <>
void Family<Histogram>::write_children(Exposition& out) const {
  const std::string bucket = name_ + "_bucket";
  const std::string sum = name_ + "_sum";
  const std::string count = name_ + "_count";
  std::lock_guard lock(mutex_);
  for (const auto& [values, child] : children_) {
    const auto snap = child->snapshot();
    auto labels = labels_of(label_names_, values);
    for (std::size_t i = 0; i < snap.buckets.size(); ++i) {
      const std::string le = i < snap.bounds.size() ? format_value(snap.bounds[i]) : "+Inf";
      labels.push_back({"le", le});
      out.sample(bucket, labels, snap.buckets[i]);
      labels.pop_back();
    }
    out.sample(sum, labels, snap.sum);
    out.sample(count, labels, snap.count());
  }
}

}  // namespace lienthong::metrics
