#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/http/client.hpp"
#include "sandbox/paygov/paygov_parts.hpp"
#include "sandbox/sandbox.hpp"
#include "tests/unit/sandbox/paygov/paygov_test_support.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::paygov {
namespace {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;
using namespace std::chrono_literals;
using Json = nlohmann::json;

http::Request post(std::string_view target, std::string body, std::string_view token = {}) {
  http::Request request{bhttp::verb::post, target, 11};
  request.set(bhttp::field::content_type, "application/json");
  if (!token.empty()) request.set(bhttp::field::authorization, token);
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

TEST(PaygovSandboxTest, RefusesABadIpnUrl) {
  asio::io_context ioc;
  PaygovSetup setup;
  setup.ipn_url = "ftp://x";
  EXPECT_FALSE(make_paygov(ioc.get_executor(), setup));
}

// The mock as the sandbox serves it: its own tester controls in front of the shared control
// API, business requests logged, IPNs sent to paygov_ipn_url.
TEST(PaygovSandboxTest, ServesTheApiItsControlsAndTheSharedOnes) {
  asio::io_context ioc;
  SandboxOptions options;
  options.ports = {{"paygov", 0}};
  options.paygov_secret = "s3cret";
  options.paygov_token = "tok";
  options.paygov_ipn_url = "http://127.0.0.1:1/ipn";  // nobody answers: the IPN fails
  options.paygov_ipn_resends = 0;
  Sandbox sandbox(ioc, options);
  auto started = sandbox.start();
  ASSERT_TRUE(started) << started.error().detail;
  ASSERT_NE(sandbox.port("paygov"), 0);
  http::HttpClient client(ioc.get_executor(), http::ClientOptions{});
  auto origin = http::Url::parse("http://127.0.0.1:" + std::to_string(sandbox.port("paygov")));
  ASSERT_TRUE(origin);

  // A fresh INIT at the real time, so the time window passes.
  const auto now = format_timestamp(Clock::now());
  auto flow = [&]() -> asio::awaitable<bool> {
    auto no_token = co_await client.send(*origin, post("/api/thanhtoan", "{}"), 5s);
    EXPECT_EQ(no_token->result_int(), 401);
    EXPECT_EQ(Json::parse(no_token->body())["error_code"], "401");
    auto created = co_await client.send(
        *origin,
        post("/api/thanhtoan", test_support::init_message("SB-1", now).dump(), "Bearer tok"), 5s);
    EXPECT_EQ(Json::parse(created->body())["error_code"], "0") << created->body();
    auto paid = co_await client.send(*origin, post("/_sandbox/payments/SB-1/pay", ""), 5s);
    EXPECT_EQ(paid->result_int(), 200) << paid->body();
    auto requests = co_await client.send(
        *origin, http::Request{bhttp::verb::get, "/_sandbox/requests", 11}, 5s);
    const auto log = Json::parse(requests->body());
    EXPECT_EQ(log.size(), 2u);  // the two API calls; control requests are not logged
    // The IPN's failed attempt shows in the record once the client gives up.
    for (int i = 0; i < 200; ++i) {
      auto record = co_await client.send(
          *origin, http::Request{bhttp::verb::get, "/_sandbox/payments/SB-1", 11}, 5s);
      const auto ipn = Json::parse(record->body())["ipn"];
      if (!ipn.empty()) {
        EXPECT_EQ(ipn[0]["http_status"], 0);
        co_return true;
      }
      asio::steady_timer timer(co_await asio::this_coro::executor, 20ms);
      co_await timer.async_wait(asio::use_awaitable);
    }
    co_return false;
  };
  auto ok = sandbox::test_support::run_until_done(ioc, flow());
  ASSERT_TRUE(ok);
  EXPECT_TRUE(*ok);
  sandbox::test_support::run_until_done(ioc, [&]() -> asio::awaitable<bool> {
    co_await sandbox.shutdown(1s);
    co_return true;
  }());
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
