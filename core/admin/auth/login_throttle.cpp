#include "core/admin/auth/login_throttle.hpp"

#include <algorithm>

namespace lienthong::admin::auth {

LoginThrottle::LoginThrottle(LoginThrottleOptions options, delivery::SteadyNow now)
    : options_(options), now_(now ? std::move(now) : [] { return delivery::SteadyClock::now(); }) {}

LoginThrottle::Key& LoginThrottle::key(const std::string& id, int burst) {
  auto it = keys_.find(id);
  if (it != keys_.end()) return it->second;
  Key k;
  k.bucket = std::make_unique<delivery::TokenBucket>(
      delivery::RateOptions{1.0 / static_cast<double>(options_.refill.count()), burst}, now_);
  return keys_.emplace(id, std::move(k)).first->second;
}

std::chrono::milliseconds LoginThrottle::wait(std::string_view address, std::string_view name) {
  std::lock_guard lock(mutex_);
  std::chrono::milliseconds longest{0};
  for (const auto& id : {"addr:" + std::string(address), "name:" + std::string(name)}) {
    if (auto it = keys_.find(id); it != keys_.end()) {
      longest = std::max(longest, it->second.bucket->time_until_available());
    }
  }
  return longest;
}

void LoginThrottle::failed(std::string_view address, std::string_view name) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (keys_.size() + 2 > options_.max_keys) forget_refilled(now);
  for (const auto& [id, burst] :
       {std::pair{"addr:" + std::string(address), options_.failures_per_address},
        std::pair{"name:" + std::string(name), options_.failures_per_name}}) {
    if (keys_.size() >= options_.max_keys && !keys_.contains(id)) continue;  // full of fresh ones
    auto& k = key(id, burst);
    (void)k.bucket->try_take();
    k.last_failure = now;
  }
}

// A key whose last failure is older than a full refill of its bucket says nothing any more.
void LoginThrottle::forget_refilled(delivery::SteadyClock::time_point now) {
  const auto full =
      options_.refill * std::max(options_.failures_per_address, options_.failures_per_name);
  std::erase_if(keys_, [&](const auto& kv) { return now - kv.second.last_failure >= full; });
}

}  // namespace lienthong::admin::auth
