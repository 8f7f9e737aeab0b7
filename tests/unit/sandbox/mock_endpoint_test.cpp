#include "sandbox/mock_endpoint.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/strand.hpp>

#include "sandbox/responses.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox {
namespace {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;
using test_support::make_request;
using test_support::run_until_done;
using Answer = std::optional<http::Response>;

class EchoHandler final : public MockHandler {
 public:
  http::Response handle(const http::Request& request) override {
    ++handled;
    return make_response(request, bhttp::status::ok, "text/plain",
                         "echo " + std::string(request.target()));
  }
  http::Response injected_failure(const http::Request& request) override {
    return make_response(request, bhttp::status::internal_server_error, "text/plain", "injected");
  }
  std::atomic<int> handled{0};
};

class MockEndpointTest : public ::testing::Test {
 protected:
  MockEndpointTest() {
    EndpointOptions options;
    options.timeout_hold = std::chrono::seconds(60);
    endpoint_ = std::make_shared<MockEndpoint>(handler_, options);
  }

  asio::awaitable<Answer> send(std::string target) {
    http::Incoming incoming{make_request(bhttp::verb::get, target), "127.0.0.1:1", {}, {}};
    co_return co_await MockEndpoint::serve(endpoint_, incoming);
  }

  asio::io_context ioc_;
  std::shared_ptr<EchoHandler> handler_ = std::make_shared<EchoHandler>();
  std::shared_ptr<MockEndpoint> endpoint_;
};

TEST_F(MockEndpointTest, AnswersAndLogsBusinessRequests) {
  auto answer = run_until_done(ioc_, send("/business"));
  ASSERT_TRUE(answer && *answer);
  EXPECT_EQ((*answer)->body(), "echo /business");
  EXPECT_EQ(endpoint_->requests().size(), 1u);
}

TEST_F(MockEndpointTest, ControlRequestsAreNeitherLoggedNorFaulted) {
  endpoint_->faults().set(*parse_fault_settings(R"({"mode":"reset"})"));
  auto answer = run_until_done(ioc_, send("/_sandbox/requests"));
  ASSERT_TRUE(answer && *answer);
  EXPECT_EQ((*answer)->result(), bhttp::status::ok);
  EXPECT_EQ(endpoint_->requests().size(), 0u);
  EXPECT_EQ(handler_->handled, 0);
}

TEST_F(MockEndpointTest, Http500FaultAnswersInTheMockStyle) {
  endpoint_->faults().set(*parse_fault_settings(R"({"mode":"http500","count":1})"));
  auto failed = run_until_done(ioc_, send("/a"));
  ASSERT_TRUE(failed && *failed);
  EXPECT_EQ((*failed)->body(), "injected");
  auto next = run_until_done(ioc_, send("/b"));
  ASSERT_TRUE(next && *next);
  EXPECT_EQ((*next)->body(), "echo /b");
  EXPECT_EQ(handler_->handled, 1);  // the failed request never reached the system
  EXPECT_EQ(endpoint_->requests().size(), 2u);
}

TEST_F(MockEndpointTest, ResetFaultAnswersNothing) {
  endpoint_->faults().set(*parse_fault_settings(R"({"mode":"reset"})"));
  auto answer = run_until_done(ioc_, send("/a"));
  ASSERT_TRUE(answer);
  EXPECT_FALSE(*answer);
}

TEST_F(MockEndpointTest, LatencyDelaysTheAnswer) {
  endpoint_->faults().set(*parse_fault_settings(R"({"latency_ms":120})"));
  const auto start = std::chrono::steady_clock::now();
  auto answer = run_until_done(ioc_, send("/slow"));
  ASSERT_TRUE(answer && *answer);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(120));
  EXPECT_EQ((*answer)->body(), "echo /slow");
}

TEST_F(MockEndpointTest, TimeoutHoldsTheRequestUntilStopped) {
  endpoint_->faults().set(*parse_fault_settings(R"({"mode":"timeout"})"));
  Answer answer;
  bool done = false;
  // On a strand, as the HTTP server runs each connection.
  asio::co_spawn(asio::make_strand(ioc_), send("/held"), [&](std::exception_ptr e, Answer a) {
    if (e) std::rethrow_exception(e);
    answer = std::move(a);
    done = true;
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (endpoint_->waits().pending() == 0 && std::chrono::steady_clock::now() < deadline) {
    ioc_.run_one_until(deadline);
  }
  ASSERT_EQ(endpoint_->waits().pending(), 1u);
  EXPECT_FALSE(done);

  const auto stopped_at = std::chrono::steady_clock::now();
  endpoint_->stop();
  while (!done && std::chrono::steady_clock::now() < deadline) ioc_.run_one_until(deadline);
  ASSERT_TRUE(done);
  EXPECT_LT(std::chrono::steady_clock::now() - stopped_at, std::chrono::seconds(5));
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body(), "echo /held");  // answered late, as a slow system does

  // After stop, waits end at once.
  endpoint_->faults().set(*parse_fault_settings(R"({"mode":"timeout"})"));
  auto later = run_until_done(ioc_, send("/later"), std::chrono::seconds(5));
  ASSERT_TRUE(later && *later);
}

TEST_F(MockEndpointTest, DuplicatesTheHandlerRecognisesAreCounted) {
  class Repeating final : public MockHandler {
   public:
    http::Response handle(const http::Request& request) override {
      auto response = make_response(request, bhttp::status::ok, "text/plain", "again");
      if (request.target() == "/again") response.set(kDuplicateHeader, "true");
      return response;
    }
    http::Response injected_failure(const http::Request& request) override {
      return handle(request);
    }
  };
  endpoint_ = std::make_shared<MockEndpoint>(std::make_shared<Repeating>(), EndpointOptions{});
  ASSERT_TRUE(run_until_done(ioc_, send("/first")));
  ASSERT_TRUE(run_until_done(ioc_, send("/again")));
  ASSERT_TRUE(run_until_done(ioc_, send("/again")));
  auto log = run_until_done(ioc_, send("/_sandbox/requests"));
  ASSERT_TRUE(log && *log);
  EXPECT_EQ((**log)[kDuplicatesHeader], "2");
  EXPECT_EQ(endpoint_->requests().size(), 3u);
}

TEST_F(MockEndpointTest, SessionExpiryGoesToTheHandler) {
  class WithSessions final : public MockHandler {
   public:
    http::Response handle(const http::Request& request) override {
      return make_response(request, bhttp::status::ok, "text/plain", "fine");
    }
    http::Response injected_failure(const http::Request& request) override {
      return handle(request);
    }
    bool uses_session(const http::Request& request) const override {
      return request.target() == "/call";
    }
    http::Response injected_session_expiry(const http::Request& request) override {
      return make_response(request, bhttp::status::ok, "text/plain", "expired");
    }
  };
  endpoint_ = std::make_shared<MockEndpoint>(std::make_shared<WithSessions>(), EndpointOptions{});
  endpoint_->faults().set(*parse_fault_settings(R"({"mode":"session-expired","count":1})"));
  auto login = run_until_done(ioc_, send("/login"));
  ASSERT_TRUE(login && *login);
  EXPECT_EQ((*login)->body(), "fine");
  auto call = run_until_done(ioc_, send("/call"));
  ASSERT_TRUE(call && *call);
  EXPECT_EQ((*call)->body(), "expired");
  auto next = run_until_done(ioc_, send("/call"));
  EXPECT_EQ((*next)->body(), "fine");
}

TEST_F(MockEndpointTest, HandlerKeepsTheEndpointAlive) {
  auto handler = endpoint_->handler();
  std::weak_ptr<MockEndpoint> weak = endpoint_;
  endpoint_.reset();
  EXPECT_FALSE(weak.expired());
  http::Incoming incoming{make_request(bhttp::verb::get, "/x"), "", {}, {}};
  std::optional<Answer> answer;
  asio::co_spawn(ioc_, handler(incoming),
                 [&](std::exception_ptr, Answer a) { answer = std::move(a); });
  ioc_.run();
  ASSERT_TRUE(answer && *answer);
  EXPECT_EQ((*answer)->body(), "echo /x");
}

}  // namespace
}  // namespace lienthong::sandbox
