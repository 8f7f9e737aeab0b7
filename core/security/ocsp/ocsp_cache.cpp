#include "core/security/ocsp/ocsp_cache.hpp"

#include <algorithm>

#include "core/security/ocsp/ocsp_metrics.hpp"

namespace lienthong::security {

std::optional<OcspAnswer> OcspCache::find(std::string_view key, std::time_t now) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(std::string(key));
  if (it == entries_.end() || !it->second.next_update || *it->second.next_update <= now) {
    ocsp_cache_counters().miss.inc();
    return std::nullopt;
  }
  ocsp_cache_counters().hit.inc();
  OcspAnswer answer = it->second;
  answer.from_cache = true;
  return answer;
}

void OcspCache::store(const std::string& key, const OcspAnswer& answer, std::time_t now) {
  if (capacity_ == 0 || !answer.next_update || *answer.next_update <= now) return;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    it->second = answer;
    it->second.from_cache = false;
    return;
  }
  if (entries_.size() >= capacity_) make_room(now);
  entries_.emplace(key, answer).first->second.from_cache = false;
}

void OcspCache::make_room(std::time_t now) {
  std::erase_if(entries_, [now](const auto& e) { return *e.second.next_update <= now; });
  while (entries_.size() >= capacity_) {
    // Linear, but only when the cache is full of live answers; the soonest to expire goes.
    const auto soonest = std::min_element(entries_.begin(), entries_.end(), [](auto& a, auto& b) {
      return *a.second.next_update < *b.second.next_update;
    });
    entries_.erase(soonest);
  }
}

void OcspCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

std::size_t OcspCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace lienthong::security
