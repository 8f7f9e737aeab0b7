#include "core/delivery/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace lienthong::delivery {

TokenBucket::TokenBucket(RateOptions options, SteadyNow now)
    : options_(options),
      now_(now ? std::move(now) : SteadyNow([] { return SteadyClock::now(); })),
      tokens_(0),
      last_(now_()) {
  options_.burst = std::max(options_.burst, 1);
  options_.per_second = std::max(options_.per_second, 1e-6);
  tokens_ = options_.burst;
}

void TokenBucket::refill(SteadyClock::time_point now) const {
  if (now <= last_) return;
  std::chrono::duration<double> elapsed = now - last_;
  tokens_ = std::min<double>(options_.burst, tokens_ + elapsed.count() * options_.per_second);
  last_ = now;
}

bool TokenBucket::try_take() {
  std::lock_guard lock(mutex_);
  refill(now_());
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

std::chrono::milliseconds TokenBucket::time_until_available() const {
  std::lock_guard lock(mutex_);
  refill(now_());
  if (tokens_ >= 1.0) return std::chrono::milliseconds(0);
  double seconds = (1.0 - tokens_) / options_.per_second;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000.0)));
}

}  // namespace lienthong::delivery
