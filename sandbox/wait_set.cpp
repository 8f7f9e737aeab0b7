#include "sandbox/wait_set.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <vector>

namespace lienthong::sandbox {

namespace asio = boost::asio;

asio::awaitable<bool> WaitSet::wait(std::chrono::milliseconds duration) {
  auto timer = std::make_shared<Timer>(co_await asio::this_coro::executor, duration);
  bool stopped = false;
  {
    std::lock_guard lock(mutex_);
    stopped = stopped_;
    if (!stopped) timers_.insert(timer);
  }
  if (stopped) co_return false;
  auto [ec] = co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
  {
    std::lock_guard lock(mutex_);
    timers_.erase(timer);
  }
  co_return !ec;
}

void WaitSet::stop() {
  std::vector<std::shared_ptr<Timer>> timers;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    timers.assign(timers_.begin(), timers_.end());
  }
  for (auto& timer : timers) {
    asio::post(timer->get_executor(), [timer] { timer->cancel(); });
  }
}

std::size_t WaitSet::pending() const {
  std::lock_guard lock(mutex_);
  return timers_.size();
}

}  // namespace lienthong::sandbox
