#include "connectors/dvcqg/session_cache.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <thread>

namespace lienthong::connectors::dvcqg {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// A login that takes a little while (so callers pile up behind it) and counts its calls.
struct SlowLogin {
  asio::io_context& ioc;
  std::atomic<int> calls{0};
  bool fail = false;

  SessionCache::Login fn() {
    return [this]() -> asio::awaitable<Result<std::string>> {
      const int n = ++calls;
      asio::steady_timer timer(ioc, 20ms);
      co_await timer.async_wait(asio::use_awaitable);
      if (fail) co_return Problem::make(ProblemKind::kUpstreamError, "refused");
      co_return "token-" + std::to_string(n);
    };
  }
};

// Runs `n` concurrent get() on two threads; returns their results once all are done.
std::vector<Result<SessionCache::Session>> get_concurrently(asio::io_context& ioc,
                                                            SessionCache& cache,
                                                            const SessionCache::Login& login,
                                                            int n) {
  std::mutex m;
  std::vector<Result<SessionCache::Session>> out;
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
          auto s = co_await cache.get(login);
          std::lock_guard lock(m);
          out.push_back(std::move(s));
        },
        asio::detached);
  }
  ioc.restart();
  std::thread other([&] { ioc.run_for(5s); });
  ioc.run_for(5s);
  other.join();
  return out;
}

TEST(SessionCache, ConcurrentCallersShareOneLogin) {
  asio::io_context ioc;
  SessionCache cache;
  SlowLogin login{ioc};
  auto results = get_concurrently(ioc, cache, login.fn(), 8);
  ASSERT_EQ(results.size(), 8u);
  for (const auto& r : results) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->token, "token-1");
  }
  EXPECT_EQ(login.calls, 1);
  EXPECT_EQ(cache.logins(), 1u);
}

TEST(SessionCache, AFailedLoginFailsEveryoneWaitingForIt) {
  asio::io_context ioc;
  SessionCache cache;
  SlowLogin login{ioc};
  login.fail = true;
  auto results = get_concurrently(ioc, cache, login.fn(), 4);
  ASSERT_EQ(results.size(), 4u);
  for (const auto& r : results) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().detail, "refused");
  }
  EXPECT_EQ(login.calls, 1);
}

TEST(SessionCache, InvalidateForgetsOnlyTheSameGeneration) {
  asio::io_context ioc;
  SessionCache cache;
  SlowLogin login{ioc};
  auto first = get_concurrently(ioc, cache, login.fn(), 1).front();
  ASSERT_TRUE(first);
  cache.invalidate(first->generation);
  auto second = get_concurrently(ioc, cache, login.fn(), 1).front();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->token, "token-2");
  cache.invalidate(first->generation);  // stale: another exchange already logged in again
  auto third = get_concurrently(ioc, cache, login.fn(), 1).front();
  EXPECT_EQ(third->token, "token-2");
  EXPECT_EQ(login.calls, 2);
}

}  // namespace
}  // namespace lienthong::connectors::dvcqg
