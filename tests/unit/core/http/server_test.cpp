#include "core/http/server.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "core/log/log.hpp"
#include "test_support.hpp"

namespace lienthong::http {
namespace {

using namespace testing;
namespace bhttp = beast::http;

constexpr std::string_view kGet = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";

struct Exchange {
  ErrorCode ec;
  Response response;
  ErrorCode closed;  ///< how the connection ended afterwards (when asked)
};

/// Connects, sends `bytes`, reads one response, then (optionally) waits for the close.
asio::awaitable<Exchange> one_shot(RawClient& client, std::uint16_t port, std::string bytes,
                                   bool wait_close) {
  Exchange out;
  if (auto ec = co_await client.connect(port)) co_return Exchange{ec, {}, {}};
  if (auto ec = co_await client.send(std::move(bytes))) co_return Exchange{ec, {}, {}};
  std::tie(out.ec, out.response) = co_await client.read_response();
  if (!out.ec && wait_close) out.closed = co_await client.read_until_closed();
  co_return out;
}

bool closed_by_peer(const ErrorCode& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset;
}

nlohmann::json problem_of(const Response& response) {
  EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json");
  return nlohmann::json::parse(response.body(), nullptr, false);
}

TEST(Server, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer s;
  RawClient client(s.io);
  auto results = s.io.run([&]() -> asio::awaitable<std::vector<Exchange>> {
    std::vector<Exchange> out;
    out.push_back(co_await one_shot(client, s.port, "GET /a HTTP/1.1\r\nHost: t\r\n\r\n", false));
    for (std::string_view next : {"POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc",
                                  "GET /c HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"}) {
      Exchange e;
      e.ec = co_await client.send(std::string(next));
      if (!e.ec) std::tie(e.ec, e.response) = co_await client.read_response();
      out.push_back(std::move(e));
    }
    out.back().closed = co_await client.read_until_closed();
    co_return out;
  }());
  ASSERT_EQ(results.size(), 3U);
  for (const auto& e : results) ASSERT_FALSE(e.ec) << e.ec.message();
  const auto remote = results[0].response.body().substr(results[0].response.body().rfind(' '));
  EXPECT_EQ(results[0].response.body(), "GET /a 0" + remote);
  EXPECT_EQ(results[1].response.body(), "POST /b 3" + remote);  // same peer port: same socket
  EXPECT_EQ(results[2].response.body(), "GET /c 0" + remote);
  EXPECT_TRUE(results[0].response.keep_alive());
  EXPECT_TRUE(results[1].response.keep_alive());
  EXPECT_FALSE(results[2].response.keep_alive());
  EXPECT_EQ(results[2].closed, asio::error::eof);
  EXPECT_TRUE(remote.starts_with(" 127.0.0.1:"));
  EXPECT_TRUE(eventually([&] { return s.server->active_connections() == 0; }));
}

TEST(Server, Http10WithoutKeepAliveIsClosedAfterTheAnswer) {
  TestServer s;
  RawClient client(s.io);
  auto e = s.io.run(one_shot(client, s.port, "GET /x HTTP/1.0\r\n\r\n", true));
  ASSERT_FALSE(e.ec) << e.ec.message();
  EXPECT_EQ(e.response.result_int(), 200U);
  EXPECT_FALSE(e.response.keep_alive());
  EXPECT_EQ(e.closed, asio::error::eof);
}

TEST(Server, BodyOverTheLimitIs413ProblemWithoutCallingTheHandler) {
  ServerLimits limits;
  limits.body_limit = 1024;
  TestServer s(limits);
  RawClient client(s.io);
  const std::string request =
      "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b');
  auto e = s.io.run(one_shot(client, s.port, request, true));
  ASSERT_FALSE(e.ec) << e.ec.message();
  EXPECT_EQ(e.response.result_int(), 413U);
  EXPECT_FALSE(e.response.keep_alive());
  const auto problem = problem_of(e.response);
  EXPECT_EQ(problem["type"], "https://lienthong.dev/problems/payload-too-large");
  EXPECT_EQ(problem["status"], 413);
  EXPECT_EQ(problem["detail"], "request body exceeds 1024 bytes");
  EXPECT_TRUE(closed_by_peer(e.closed)) << e.closed.message();
  EXPECT_EQ(s.hooks.requests, 0);
}

TEST(Server, ABodyOverTheLimitGoesToAHandlerThatAnswersItsOwnWay) {
  ServerLimits limits;
  limits.body_limit = 1024;
  TestServer s(limits);
  s.server->hand_oversized_to_handler();
  RawClient client(s.io);
  const std::string request =
      "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b');
  auto e = s.io.run(one_shot(client, s.port, request, true));
  ASSERT_FALSE(e.ec) << e.ec.message();
  EXPECT_EQ(e.response.result_int(), 200U);
  EXPECT_EQ(e.response.body().substr(0, 16), "POST /upload 0 1") << "the body was not read";
  EXPECT_FALSE(e.response.keep_alive()) << "the rest of the body is still on the wire";
  EXPECT_TRUE(closed_by_peer(e.closed)) << e.closed.message();
  EXPECT_EQ(s.hooks.requests, 1);
}

TEST(Server, ChunkedBodyOverTheLimitIs413) {
  ServerLimits limits;
  limits.body_limit = 100;
  TestServer s(limits);
  RawClient client(s.io);
  const std::string request =
      "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "c8\r\n" +
      std::string(200, 'c') + "\r\n0\r\n\r\n";
  auto e = s.io.run(one_shot(client, s.port, request, true));
  ASSERT_FALSE(e.ec) << e.ec.message();
  EXPECT_EQ(e.response.result_int(), 413U);
  EXPECT_EQ(s.hooks.requests, 0);
}

TEST(Server, HeadersOverTheLimitAre400Problem) {
  ServerLimits limits;
  limits.header_limit = 1024;
  TestServer s(limits);
  RawClient client(s.io);
  const std::string request =
      "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(2000, 'h') + "\r\n\r\n";
  auto e = s.io.run(one_shot(client, s.port, request, true));
  ASSERT_FALSE(e.ec) << e.ec.message();
  EXPECT_EQ(e.response.result_int(), 400U);
  const auto problem = problem_of(e.response);
  EXPECT_EQ(problem["type"], "https://lienthong.dev/problems/malformed-request");
  EXPECT_EQ(problem["detail"], "request headers exceed 1024 bytes");
  EXPECT_TRUE(closed_by_peer(e.closed)) << e.closed.message();
  EXPECT_EQ(s.hooks.requests, 0);
}

TEST(Server, MalformedRequestIs400ThenClose) {
  TestServer s;
  RawClient client(s.io);
  auto e = s.io.run(one_shot(client, s.port, "THIS IS NOT HTTP\r\n\r\n", true));
  ASSERT_FALSE(e.ec) << e.ec.message();
  EXPECT_EQ(e.response.result_int(), 400U);
  EXPECT_EQ(problem_of(e.response)["status"], 400);
  EXPECT_FALSE(e.response.keep_alive());
  EXPECT_TRUE(closed_by_peer(e.closed)) << e.closed.message();
}

TEST(Server, ReadTimeoutClosesASlowClientMidRequest) {
  ServerLimits limits;
  limits.read_timeout = 200ms;
  TestServer s(limits);
  RawClient client(s.io);
  auto [closed, elapsed] =
      s.io.run([&]() -> asio::awaitable<std::pair<ErrorCode, Clock::duration>> {
        co_await client.connect(s.port);
        co_await client.send("GET /half HTTP/1.1\r\nHost: t\r\n");  // never finished
        const auto start = Clock::now();
        auto ec = co_await client.read_until_closed();
        co_return std::pair{ec, Clock::now() - start};
      }());
  EXPECT_TRUE(closed_by_peer(closed)) << closed.message();
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 3s);
  EXPECT_EQ(s.hooks.requests, 0);
}

TEST(Server, IdleTimeoutClosesAKeepAliveConnection) {
  ServerLimits limits;
  limits.idle_timeout = 200ms;
  TestServer s(limits);
  RawClient client(s.io);
  auto [e, elapsed] = s.io.run([&]() -> asio::awaitable<std::pair<Exchange, Clock::duration>> {
    auto e = co_await one_shot(client, s.port, std::string(kGet), false);
    const auto start = Clock::now();
    e.closed = co_await client.read_until_closed();
    co_return std::pair{std::move(e), Clock::now() - start};
  }());
  ASSERT_FALSE(e.ec) << e.ec.message();
  EXPECT_TRUE(e.response.keep_alive());
  EXPECT_EQ(e.closed, asio::error::eof);
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 3s);
}

TEST(Server, ExpectContinueGetsA100BeforeTheBody) {
  TestServer s;
  RawClient client(s.io);
  auto [interim, final_answer] = s.io.run([&]() -> asio::awaitable<std::pair<Exchange, Exchange>> {
    auto first = co_await one_shot(client, s.port,
                                   "POST /e HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                                   "Expect: 100-continue\r\n\r\n",
                                   false);
    Exchange second;
    second.ec = co_await client.send("hello");
    if (!second.ec) std::tie(second.ec, second.response) = co_await client.read_response();
    co_return std::pair{std::move(first), std::move(second)};
  }());
  ASSERT_FALSE(interim.ec) << interim.ec.message();
  EXPECT_EQ(interim.response.result_int(), 100U);
  ASSERT_FALSE(final_answer.ec) << final_answer.ec.message();
  EXPECT_TRUE(final_answer.response.body().starts_with("POST /e 5 "));
}

TEST(Server, NulloptFromTheHandlerResetsTheConnection) {
  TestServer s;
  RawClient client(s.io);
  auto e = s.io.run(one_shot(client, s.port, "GET /reset HTTP/1.1\r\nHost: t\r\n\r\n", false));
  EXPECT_EQ(e.ec, asio::error::connection_reset) << e.ec.message();
}

TEST(Server, HandlerExceptionBecomes500ProblemAndTheServerGoesOn) {
  TestServer s;
  RawClient first(s.io);
  auto e = s.io.run(one_shot(first, s.port, "GET /throw HTTP/1.1\r\nHost: t\r\n\r\n", true));
  ASSERT_FALSE(e.ec) << e.ec.message();
  EXPECT_EQ(e.response.result_int(), 500U);
  EXPECT_EQ(problem_of(e.response)["type"], "https://lienthong.dev/problems/internal-error");
  EXPECT_FALSE(e.response.keep_alive());
  RawClient second(s.io);
  auto after = s.io.run(one_shot(second, s.port, std::string(kGet), false));
  ASSERT_FALSE(after.ec) << after.ec.message();
  EXPECT_EQ(after.response.result_int(), 200U);
}

// Log lines captured for the connection-limit test (the log sink is a plain function).
std::mutex log_mutex;
std::vector<std::string> log_lines;
void capture(std::string_view line) {
  const std::lock_guard lock(log_mutex);
  log_lines.emplace_back(line);
}
std::size_t count_lines(std::string_view event) {
  const std::lock_guard lock(log_mutex);
  return static_cast<std::size_t>(std::count_if(log_lines.begin(), log_lines.end(), [&](auto& l) {
    return l.find(event) != std::string::npos;
  }));
}

TEST(Server, ConnectionsOverTheLimitAreClosedAndLoggedOnce) {
  {
    const std::lock_guard lock(log_mutex);
    log_lines.clear();
  }
  log::set_sink(&capture);
  ServerLimits limits;
  limits.max_connections = 2;
  TestServer s(limits);
  RawClient a(s.io);
  RawClient b(s.io);
  RawClient c(s.io);
  RawClient d(s.io);
  auto [served, refused_c, refused_d] =
      s.io.run([&]() -> asio::awaitable<std::tuple<bool, ErrorCode, ErrorCode>> {
        const auto ea = co_await one_shot(a, s.port, std::string(kGet), false);
        const auto eb = co_await one_shot(b, s.port, std::string(kGet), false);
        const bool ok = !ea.ec && !eb.ec;
        co_await c.connect(s.port);  // the kernel accepts; the server closes at once
        co_await d.connect(s.port);
        const auto closed_c = co_await c.read_until_closed();
        const auto closed_d = co_await d.read_until_closed();
        co_return std::tuple{ok, closed_c, closed_d};
      }());
  log::set_sink(nullptr);
  EXPECT_TRUE(served);
  EXPECT_TRUE(closed_by_peer(refused_c)) << refused_c.message();
  EXPECT_TRUE(closed_by_peer(refused_d)) << refused_d.message();
  EXPECT_EQ(s.server->active_connections(), 2U);
  EXPECT_EQ(count_lines("http.connection_limit"), 1U);

  // Once one leaves, a newcomer is served again.
  s.io.run([&]() -> asio::awaitable<void> {
    a.stream.close();
    co_return;
  }());
  ASSERT_TRUE(eventually([&] { return s.server->active_connections() == 1; }));
  RawClient e(s.io);
  auto later = s.io.run(one_shot(e, s.port, std::string(kGet), false));
  ASSERT_FALSE(later.ec) << later.ec.message();
  EXPECT_EQ(later.response.result_int(), 200U);
}

}  // namespace
}  // namespace lienthong::http
