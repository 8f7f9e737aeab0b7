#include "sandbox/sandbox.hpp"

#include <gtest/gtest.h>

#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "core/http/client.hpp"
#include "core/http/client_tls.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox {
namespace {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;
using namespace std::chrono_literals;

SandboxOptions options_for(std::map<std::string, std::uint16_t> ports) {
  SandboxOptions options;
  options.ports = std::move(ports);
  options.data_dir = test_support::data_dir();
  options.dkdn_token = "tok-123";
  options.certs_dir = security::testing::dev_pki();
  return options;
}

http::Request get(std::string_view target, std::string_view token = "Bearer tok-123") {
  http::Request request{bhttp::verb::get, target, 11};
  if (!token.empty()) request.set(bhttp::field::authorization, token);
  return request;
}

http::Request post_json(std::string_view target, std::string body) {
  http::Request request{bhttp::verb::post, target, 11};
  request.set(bhttp::field::content_type, "application/json");
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

TEST(SandboxTest, RefusesUnknownMocksAndMissingData) {
  asio::io_context ioc;
  Sandbox unknown(ioc, options_for({{"dvcqg-typo", 0}}));
  EXPECT_FALSE(unknown.start());
  auto options = options_for({{"dkdn", 0}});
  options.data_dir = "/nonexistent";
  Sandbox missing(ioc, options);
  auto started = missing.start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().detail.find("enterprises.json"), std::string::npos);
  EXPECT_EQ(missing.port("dkdn"), 0);
  EXPECT_EQ(Sandbox::known_mocks(),
            (std::vector<std::string>{"dancu", "dkdn", "dvcqg", "kyso", "motcua", "paygov"}));
}

TEST(SandboxTest, ServesDkdnAndItsControlApiOverHttp) {
  asio::io_context ioc;
  Sandbox sandbox(ioc, options_for({{"dkdn", 0}, {"dancu", 0}}));
  auto started = sandbox.start();
  ASSERT_TRUE(started) << started.error().detail;
  ASSERT_NE(sandbox.port("dkdn"), 0);
  ASSERT_NE(sandbox.port("dancu"), 0);
  EXPECT_NE(sandbox.port("dkdn"), sandbox.port("dancu"));
  EXPECT_EQ(sandbox.port("dvcqg"), 0);

  http::HttpClient client(ioc.get_executor(), http::ClientOptions{});
  auto origin = http::Url::parse("http://127.0.0.1:" + std::to_string(sandbox.port("dkdn")));
  ASSERT_TRUE(origin);

  auto flow = [&]() -> asio::awaitable<bool> {
    auto found =
        co_await client.send(*origin, get("/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106"), 5s);
    EXPECT_TRUE(found);
    if (!found) co_return false;
    EXPECT_EQ(found->result(), bhttp::status::ok);
    EXPECT_EQ(nlohmann::json::parse(found->body())["GetEntCert"][0]["MaSoDoanhNghiep"],
              "0100109106");

    auto denied = co_await client.send(
        *origin, get("/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106", ""), 5s);
    EXPECT_TRUE(denied && denied->result() == bhttp::status::unauthorized);

    auto log = co_await client.send(*origin, get("/_sandbox/requests", ""), 5s);
    EXPECT_TRUE(log);
    if (!log) co_return false;
    const auto entries = nlohmann::json::parse(log->body());
    EXPECT_EQ(entries.size(), 2u);  // the control request itself is not logged
    EXPECT_EQ(entries[0]["target"], "/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106");
    EXPECT_EQ(entries[0]["headers"]["Authorization"], "***");
    EXPECT_EQ(log->body().find("tok-123"), std::string::npos);

    // One reset, then normal service again. A fresh client: the pooled one would retry a
    // reused connection that fails, and the retry would get the normal answer.
    auto set = co_await client.send(
        *origin, post_json("/_sandbox/faults", R"({"mode":"reset","count":1})"), 5s);
    EXPECT_TRUE(set && set->result() == bhttp::status::ok);
    http::HttpClient fresh(ioc.get_executor(), http::ClientOptions{});
    auto reset =
        co_await fresh.send(*origin, get("/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106"), 5s);
    EXPECT_FALSE(reset);
    auto after =
        co_await client.send(*origin, get("/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106"), 5s);
    EXPECT_TRUE(after && after->result() == bhttp::status::ok);

    // Injected 500 in the mock's JSON style.
    auto armed = co_await client.send(
        *origin, post_json("/_sandbox/faults", R"({"mode":"http500","count":1})"), 5s);
    EXPECT_TRUE(armed);
    auto failed =
        co_await client.send(*origin, get("/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106"), 5s);
    EXPECT_TRUE(failed && failed->result() == bhttp::status::internal_server_error);

    auto bad =
        co_await client.send(*origin, post_json("/_sandbox/faults", R"({"mode":"melt"})"), 5s);
    EXPECT_TRUE(bad && bad->result() == bhttp::status::bad_request);

    co_await sandbox.shutdown(2s);
    co_return true;
  };
  auto done = test_support::run_until_done(ioc, flow(), 30s);
  ASSERT_TRUE(done);
  EXPECT_TRUE(*done);
}

TEST(SandboxTest, DancuSpeaksMutualTlsOnlyAndKysoAnswersOcsp) {
  asio::io_context ioc;
  Sandbox sandbox(ioc, options_for({{"dancu", 0}, {"kyso", 0}}));
  auto started = sandbox.start();
  ASSERT_TRUE(started) << started.error().detail;
  EXPECT_EQ(sandbox.scheme("dancu"), "https");
  EXPECT_EQ(sandbox.scheme("kyso"), "http");
  const auto pki = [](const char* name) { return security::testing::pki_file(name); };
  auto with_cert = http::make_client_tls(
      {pki("root-ca.pem"), pki("hub-client-chain.pem"), pki("hub-client-key.pem"), {}, {}});
  auto without_cert = http::make_client_tls({pki("root-ca.pem"), {}, {}, {}, {}});
  ASSERT_TRUE(with_cert && without_cert);
  http::HttpClient hub(ioc.get_executor(), {.tls = *with_cert});
  http::HttpClient stranger(ioc.get_executor(), {.tls = *without_cert});
  http::HttpClient plain(ioc.get_executor(), http::ClientOptions{});
  const auto port = std::to_string(sandbox.port("dancu"));
  const auto https = *http::Url::parse("https://127.0.0.1:" + port);
  const auto kyso = *http::Url::parse("http://127.0.0.1:" + std::to_string(sandbox.port("kyso")));

  auto flow = [&]() -> asio::awaitable<bool> {
    auto ok = co_await hub.send(https, get("/_sandbox/requests", ""), 5s);
    EXPECT_TRUE(ok && ok->result() == bhttp::status::ok);
    auto refused = co_await stranger.send(https, get("/_sandbox/requests", ""), 5s);
    EXPECT_FALSE(refused && refused->result() == bhttp::status::ok) << "no client certificate";
    auto cleartext = co_await plain.send(*http::Url::parse("http://127.0.0.1:" + port),
                                         get("/_sandbox/requests", ""), 5s);
    EXPECT_FALSE(cleartext && cleartext->result() == bhttp::status::ok);
    http::Request ocsp{bhttp::verb::post, "/ocsp", 11};
    ocsp.set(bhttp::field::content_type, "application/ocsp-request");
    ocsp.body() = "not DER";
    ocsp.prepare_payload();
    auto malformed = co_await plain.send(kyso, std::move(ocsp), 5s);
    EXPECT_TRUE(malformed && malformed->result() == bhttp::status::ok);
    co_await sandbox.shutdown(2s);
    co_return true;
  };
  auto done = test_support::run_until_done(ioc, flow(), 30s);
  ASSERT_TRUE(done);
}

TEST(SandboxTest, ShutdownCutsAHeldRequestShort) {
  asio::io_context ioc;
  auto options = options_for({{"dkdn", 0}});
  options.fault_timeout = 60s;
  Sandbox sandbox(ioc, options);
  ASSERT_TRUE(sandbox.start());
  http::HttpClient client(ioc.get_executor(), http::ClientOptions{});
  auto origin = *http::Url::parse("http://127.0.0.1:" + std::to_string(sandbox.port("dkdn")));

  bool held_done = false;
  auto flow = [&]() -> asio::awaitable<std::chrono::steady_clock::duration> {
    auto armed =
        co_await client.send(origin, post_json("/_sandbox/faults", R"({"mode":"timeout"})"), 5s);
    EXPECT_TRUE(armed);
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
          auto held = co_await client.send(
              origin, get("/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106"), 30s);
          held_done = true;
          (void)held;  // answered late or cut off: either is fine once the sandbox stops
        },
        asio::detached);
    // Wait until the mock has the request (it is logged before it is held).
    for (int i = 0; i < 500; ++i) {
      auto log = co_await client.send(origin, get("/_sandbox/requests", ""), 5s);
      if (log && nlohmann::json::parse(log->body()).size() == 1) break;
      asio::steady_timer tick(ioc, 10ms);
      co_await tick.async_wait(asio::use_awaitable);
    }
    const auto start = std::chrono::steady_clock::now();
    co_await sandbox.shutdown(5s);
    co_return std::chrono::steady_clock::now() - start;
  };
  auto took = test_support::run_until_done(ioc, flow(), 30s);
  ASSERT_TRUE(took);
  EXPECT_LT(*took, 4s);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!held_done && std::chrono::steady_clock::now() < deadline) ioc.run_one_until(deadline);
  EXPECT_TRUE(held_done);
}

}  // namespace
}  // namespace lienthong::sandbox
