#include "core/http/client.hpp"

#include <gtest/gtest.h>

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "test_support.hpp"

namespace lienthong::http {
namespace {

using namespace testing;
namespace bhttp = beast::http;

Url origin_of(std::uint16_t port) {
  return Url::parse("http://127.0.0.1:" + std::to_string(port)).value();
}

TEST(HttpClient, ReusesOneConnectionForSequentialRequests) {
  TestServer s;
  HttpClient client(s.io.ioc().get_executor(), {});
  const auto origin = origin_of(s.port);
  for (int i = 0; i < 10; ++i) {
    auto result = s.io.run(client.send(origin, make_request(bhttp::verb::get, "/n"), 2s));
    ASSERT_TRUE(result.has_value()) << result.error().detail;
    EXPECT_EQ(result->result_int(), 200U);
    EXPECT_TRUE(result->body().starts_with("GET /n 0 "));
  }
  EXPECT_EQ(client.connections_opened(), 1U);
  EXPECT_EQ(s.server->active_connections(), 1U);
}

TEST(HttpClient, SetsHostAndUserAgentWhenMissing) {
  TestServer s;
  HttpClient client(s.io.ioc().get_executor(), {});
  Request request{bhttp::verb::get, "/headers", 11};
  auto result = s.io.run(client.send(origin_of(s.port), std::move(request), 2s));
  ASSERT_TRUE(result.has_value()) << result.error().detail;
  EXPECT_EQ(result->body(), "127.0.0.1:" + std::to_string(s.port) + "|lienthong/0.1||");
}

TEST(HttpClient, SendsTheBodyWithItsLength) {
  TestServer s;
  HttpClient client(s.io.ioc().get_executor(), {});
  Request request{bhttp::verb::post, "/data", 11};
  request.body() = "{\"a\":1}";  // no prepare_payload: the client frames it
  auto result = s.io.run(client.send(origin_of(s.port), std::move(request), 2s));
  ASSERT_TRUE(result.has_value()) << result.error().detail;
  EXPECT_TRUE(result->body().starts_with("POST /data 7 "));
}

TEST(HttpClient, ConnectionCloseAnswersAreNotPooled) {
  TestServer s;
  HttpClient client(s.io.ioc().get_executor(), {});
  for (int i = 0; i < 2; ++i) {
    auto result =
        s.io.run(client.send(origin_of(s.port), make_request(bhttp::verb::get, "/close"), 2s));
    ASSERT_TRUE(result.has_value()) << result.error().detail;
  }
  EXPECT_EQ(client.connections_opened(), 2U);
}

TEST(HttpClient, RetriesOnceWhenThePooledConnectionWasClosedByTheServer) {
  ServerLimits limits;
  limits.idle_timeout = 100ms;
  TestServer s(limits);
  HttpClient client(s.io.ioc().get_executor(), {});
  const auto origin = origin_of(s.port);
  auto first = s.io.run(client.send(origin, make_request(bhttp::verb::get, "/1"), 2s));
  ASSERT_TRUE(first.has_value()) << first.error().detail;
  // The server drops the idle keep-alive connection; the pool does not know yet.
  ASSERT_TRUE(eventually([&] { return s.server->active_connections() == 0; }));
  auto second = s.io.run(client.send(origin, make_request(bhttp::verb::get, "/2"), 2s));
  ASSERT_TRUE(second.has_value()) << second.error().detail;
  EXPECT_TRUE(second->body().starts_with("GET /2 0 "));
  EXPECT_EQ(client.connections_opened(), 2U);
}

TEST(HttpClient, DoesNotRetryAFreshConnection) {
  TestServer s;
  HttpClient client(s.io.ioc().get_executor(), {});
  auto result =
      s.io.run(client.send(origin_of(s.port), make_request(bhttp::verb::get, "/reset"), 2s));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(result.error().detail,
            "connection reset by 127.0.0.1:" + std::to_string(s.port) + " before an answer");
  EXPECT_EQ(client.connections_opened(), 1U);
  EXPECT_EQ(s.hooks.requests, 1);
}

TEST(HttpClient, ConnectRefusedIsAnUpstreamError) {
  IoThreads io;
  std::uint16_t port = 0;
  {
    // A port that was just free: nothing listens there now.
    asio::ip::tcp::acceptor probe(io.ioc(), {asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }
  HttpClient client(io.ioc().get_executor(), {});
  auto result = io.run(client.send(origin_of(port), make_request(bhttp::verb::get, "/"), 2s));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(result.error().detail,
            "cannot connect to 127.0.0.1:" + std::to_string(port) + ": Connection refused");
  EXPECT_EQ(client.connections_opened(), 0U);
}

TEST(HttpClient, SlowServerIsAnUpstreamTimeoutWithinTheDeadline) {
  TestServer s;
  HttpClient client(s.io.ioc().get_executor(), {});
  const auto start = Clock::now();
  auto result =
      s.io.run(client.send(origin_of(s.port), make_request(bhttp::verb::get, "/slow"), 300ms));
  const auto elapsed = Clock::now() - start;
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ProblemKind::kUpstreamTimeout);
  EXPECT_EQ(result.error().detail,
            "no answer from 127.0.0.1:" + std::to_string(s.port) + " within 300 ms");
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2s);
}

TEST(HttpClient, AnswerOverTheBodyLimitIsAnUpstreamError) {
  TestServer s;
  ClientOptions options;
  options.body_limit = 1000;
  HttpClient client(s.io.ioc().get_executor(), options);
  const auto origin = origin_of(s.port);
  auto small = s.io.run(client.send(origin, make_request(bhttp::verb::get, "/big?n=1000"), 2s));
  ASSERT_TRUE(small.has_value()) << small.error().detail;
  EXPECT_EQ(small->body().size(), 1000U);
  auto big = s.io.run(client.send(origin, make_request(bhttp::verb::get, "/big?n=5000"), 2s));
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(big.error().detail,
            "answer from 127.0.0.1:" + std::to_string(s.port) + " exceeds 1000 bytes");
}

/// A far side that reads one request and answers it with `answer`, byte for byte.
asio::awaitable<void> answer_once(asio::ip::tcp::acceptor& acceptor, const std::string& answer) {
  auto [ec, socket] = co_await acceptor.async_accept(kUse);
  if (!ec) {
    std::array<char, 4096> in{};
    co_await socket.async_read_some(asio::buffer(in), kUse);
    co_await asio::async_write(socket, asio::buffer(answer), kUse);
  }
}

/// Sends one GET to a far side that answers `answer`.
Result<Response> exchange_with(std::string answer) {
  IoThreads io;
  asio::ip::tcp::acceptor acceptor(io.ioc(), {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  auto far_side = io.start(answer_once(acceptor, answer));
  HttpClient client(io.ioc().get_executor(), {});
  auto result = io.run(client.send(origin_of(port), make_request(bhttp::verb::get, "/"), 2s));
  IoThreads::wait(far_side);
  return result;
}

TEST(HttpClient, AnswerThatIsNotHttpIsAnUpstreamError) {
  auto result = exchange_with("SMTP READY\r\n\r\n");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ProblemKind::kUpstreamError);
  EXPECT_TRUE(result.error().detail.starts_with("answer from 127.0.0.1:"));
  EXPECT_TRUE(result.error().detail.ends_with(" is not valid HTTP"));
}

TEST(HttpClient, InterimAnswersAreSkipped) {
  auto result =
      exchange_with("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  ASSERT_TRUE(result.has_value()) << result.error().detail;
  EXPECT_EQ(result->result_int(), 200U);
  EXPECT_EQ(result->body(), "ok");
}

TEST(HttpClient, AnswerCutShortIsAnUpstreamError) {
  auto result = exchange_with("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ProblemKind::kUpstreamError);
  EXPECT_NE(result.error().detail.find("closed in the middle of an answer"), std::string::npos)
      << result.error().detail;
}

TEST(HttpClient, ManyConcurrentSendsFromSeveralThreads) {
  TestServer s;
  HttpClient client(s.io.ioc().get_executor(), {});
  const auto origin = origin_of(s.port);
  constexpr int kSenders = 8;
  constexpr int kEach = 10;
  std::atomic<int> ok{0};
  std::vector<std::future<void>> done;
  for (int i = 0; i < kSenders; ++i) {
    done.push_back(asio::co_spawn(
        s.io.ioc(),
        [&]() -> asio::awaitable<void> {
          for (int j = 0; j < kEach; ++j) {
            auto r = co_await client.send(origin, make_request(bhttp::verb::get, "/c"), 5s);
            if (r && r->result_int() == 200) ++ok;
          }
        },
        asio::use_future));
  }
  for (auto& f : done) IoThreads::wait(f);
  EXPECT_EQ(ok, kSenders * kEach);
  EXPECT_LE(client.connections_opened(), static_cast<std::size_t>(kSenders));
}

}  // namespace
}  // namespace lienthong::http
