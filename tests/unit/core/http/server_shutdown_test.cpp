#include <gtest/gtest.h>

#include "core/http/server.hpp"
#include "test_support.hpp"

namespace lienthong::http {
namespace {

using namespace testing;

constexpr std::string_view kGet = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";
constexpr std::string_view kSlow = "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n";

TEST(ServerShutdown, FinishesInFlightRequestsClosesIdleOnesAndRefusesNewOnes) {
  TestServer s;
  RawClient idle(s.io);
  RawClient busy(s.io);

  // One connection idles after a request; another waits in the handler.
  const auto prepared = s.io.run([&]() -> asio::awaitable<bool> {
    if (co_await idle.connect(s.port) || co_await idle.send(std::string(kGet))) co_return false;
    auto [ec, response] = co_await idle.read_response();
    if (ec || co_await busy.connect(s.port) || co_await busy.send(std::string(kSlow))) {
      co_return false;
    }
    co_return true;
  }());
  ASSERT_TRUE(prepared);
  auto entered = s.hooks.slow_entered.get_future();
  IoThreads::wait(entered);
  EXPECT_EQ(s.server->active_connections(), 2U);

  auto done = s.io.start(s.server->shutdown(5s));
  auto also_done = s.io.start(s.server->shutdown(5s));  // a second caller must not disturb it

  // The idle connection is closed at once.
  const auto idle_end = s.io.run(idle.read_until_closed());
  EXPECT_EQ(idle_end, asio::error::eof) << idle_end.message();

  // New connections are refused once the listener is closed.
  const bool refused = eventually([&] {
    return s.io.run([&]() -> asio::awaitable<bool> {
      RawClient probe(s.io);
      co_return co_await probe.connect(s.port) == asio::error::connection_refused;
    }());
  });
  EXPECT_TRUE(refused);

  // The request in the handler is still being waited for.
  EXPECT_EQ(done.wait_for(0s), std::future_status::timeout);
  EXPECT_EQ(also_done.wait_for(0s), std::future_status::timeout);
  EXPECT_EQ(s.server->active_connections(), 1U);

  s.hooks.gate.open();
  auto [ec, response] = s.io.run(busy.read_response());
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body(), "done");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_EQ(response[beast::http::field::connection], "close");
  EXPECT_EQ(s.io.run(busy.read_until_closed()), asio::error::eof);

  IoThreads::wait(done);
  done.get();
  IoThreads::wait(also_done);
  also_done.get();
  EXPECT_EQ(s.server->active_connections(), 0U);
}

TEST(ServerShutdown, GraceOverForceClosesWhatIsLeft) {
  TestServer s;
  RawClient busy(s.io);
  const auto sent = s.io.run([&]() -> asio::awaitable<bool> {
    co_return !(co_await busy.connect(s.port)) && !(co_await busy.send(std::string(kSlow)));
  }());
  ASSERT_TRUE(sent);
  auto entered = s.hooks.slow_entered.get_future();
  IoThreads::wait(entered);

  const auto start = Clock::now();
  s.io.run(s.server->shutdown(200ms));
  const auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 3s);
  // The client sees its connection end without an answer.
  const auto end = s.io.run(busy.read_until_closed());
  EXPECT_TRUE(end == asio::error::eof || end == asio::error::connection_reset) << end.message();
  s.hooks.gate.open();  // the handler finishes into a closed socket; the session ends
  EXPECT_TRUE(eventually([&] { return s.server->active_connections() == 0; }));
}

TEST(ServerShutdown, WithNoConnectionsCompletesAtOnceAndServerCanBeDestroyed) {
  IoThreads io;
  auto server = std::make_unique<Server>(
      io.ioc(), "plain", ServerLimits{},
      [](Incoming&) -> asio::awaitable<std::optional<Response>> { co_return Response{}; });
  ASSERT_TRUE(server->listen("127.0.0.1", 0).has_value());
  EXPECT_EQ(server->name(), "plain");
  io.run(server->shutdown(5s));
  EXPECT_EQ(server->active_connections(), 0U);
  server.reset();
}

TEST(ServerListen, ReportsBindFailures) {
  TestServer s;
  Server second(s.io.ioc(), "second", {}, test_handler(s.hooks));
  auto bound = second.listen("127.0.0.1", s.port);
  ASSERT_FALSE(bound.has_value());
  EXPECT_NE(bound.error().detail.find("cannot bind 127.0.0.1:"), std::string::npos)
      << bound.error().detail;
}

TEST(ServerListen, AcceptsAHostNameAndListensOnlyOnce) {
  TestServer s;
  Server named(s.io.ioc(), "named", {}, test_handler(s.hooks));
  auto bound = named.listen("localhost", 0);
  ASSERT_TRUE(bound.has_value()) << bound.error().detail;
  EXPECT_TRUE(bound->address().is_loopback());
  auto again = named.listen("127.0.0.1", 0);
  ASSERT_FALSE(again.has_value());
  EXPECT_NE(again.error().detail.find("already listens"), std::string::npos);
  s.io.run(named.shutdown(1s));
}

}  // namespace
}  // namespace lienthong::http
