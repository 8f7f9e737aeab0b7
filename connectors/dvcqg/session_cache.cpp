#include "connectors/dvcqg/session_cache.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace lienthong::connectors::dvcqg {

namespace asio = boost::asio;

// A coroutine waiting for the login in progress. A channel with room for one signal, so the
// login may finish before the waiter starts receiving without the signal being lost.
struct SessionCache::Waiter {
  explicit Waiter(const asio::any_io_executor& executor) : done(executor, 1) {}
  asio::experimental::concurrent_channel<void(boost::system::error_code)> done;
};

SessionCache::SessionCache() = default;
SessionCache::~SessionCache() = default;

std::uint64_t SessionCache::logins() const {
  std::lock_guard lock(mutex_);
  return attempts_;
}

void SessionCache::invalidate(std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (generation == generation_) token_.clear();
}

void SessionCache::finish_login(std::uint64_t attempt, Result<std::string> outcome) {
  std::vector<std::shared_ptr<Waiter>> waiters;
  {
    std::lock_guard lock(mutex_);
    logging_in_ = false;
    if (outcome) {
      token_ = std::move(outcome).value();
      ++generation_;
    } else {
      failure_ = std::move(outcome).error();
      failed_attempt_ = attempt;
    }
    waiters.swap(waiters_);
  }
  for (const auto& w : waiters) w->done.try_send(boost::system::error_code{});
}

asio::awaitable<Result<SessionCache::Session>> SessionCache::get(const Login& login) {
  const auto executor = co_await asio::this_coro::executor;
  for (;;) {
    std::unique_lock lock(mutex_);
    if (!token_.empty()) co_return Session{token_, generation_};
    if (!logging_in_) {
      logging_in_ = true;
      const auto attempt = ++attempts_;
      lock.unlock();
      std::optional<Result<std::string>> outcome;
      try {
        outcome.emplace(co_await login());
      } catch (...) {
        finish_login(attempt, Problem::make(ProblemKind::kInternal, "login failed unexpectedly"));
        throw;
      }
      finish_login(attempt, *outcome);
      if (!*outcome) co_return std::move(*outcome).error();
      continue;  // read the token under the lock, with its generation
    }
    const auto awaited = attempts_;
    auto waiter = std::make_shared<Waiter>(executor);
    waiters_.push_back(waiter);
    lock.unlock();
    co_await waiter->done.async_receive(asio::as_tuple(asio::use_awaitable));
    lock.lock();
    if (token_.empty() && failed_attempt_ == awaited && failure_) co_return *failure_;
  }
}

}  // namespace lienthong::connectors::dvcqg
