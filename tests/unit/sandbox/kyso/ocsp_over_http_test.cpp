// The kyso OCSP responder on a real socket, cross-checked with the `openssl ocsp` command line
// (the two must agree), and the hub's checker talking to it through http::HttpClient — the
// transport wiring the hub uses.
#include <gtest/gtest.h>

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <future>
#include <thread>

#include "core/http/client.hpp"
#include "core/http/server.hpp"
#include "core/pipeline/stages/ocsp_transport.hpp"
#include "core/security/ocsp/ocsp_checker.hpp"
#include "sandbox/kyso/kyso_mock.hpp"
#include "sandbox/mock_endpoint.hpp"
#include "tests/support/run_command.hpp"
#include "tests/unit/sandbox/kyso/kyso_test_pki.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;
using namespace std::chrono_literals;

using ::lienthong::testing::run_command;

class OcspOverHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto mock = KysoMock::load(OcspResponderFiles::in_dev_pki(testing::dev_pki()));
    ASSERT_TRUE(mock) << mock.error().front().to_string();
    endpoint_ = std::make_shared<MockEndpoint>(*mock, EndpointOptions{});
    server_ =
        std::make_unique<http::Server>(ioc_, "kyso", http::ServerLimits{}, endpoint_->handler());
    auto bound = server_->listen("127.0.0.1", 0);
    ASSERT_TRUE(bound) << bound.error().detail;
    url_ = "http://127.0.0.1:" + std::to_string(bound->port()) + "/ocsp";
    io_thread_ = std::thread([this] { ioc_.run(); });
  }

  void TearDown() override {
    if (server_) {
      std::promise<void> stopped;
      asio::co_spawn(
          ioc_,
          [&]() -> asio::awaitable<void> {
            co_await server_->shutdown(1s);
            stopped.set_value();
          },
          asio::detached);
      stopped.get_future().wait_for(10s);
    }
    guard_.reset();
    if (io_thread_.joinable()) io_thread_.join();
  }

  asio::io_context ioc_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(ioc_);
  std::shared_ptr<MockEndpoint> endpoint_;
  std::unique_ptr<http::Server> server_;
  std::thread io_thread_;
  std::string url_;
};

TEST_F(OcspOverHttpTest, OpensslCommandLineAgrees) {
  const auto dir = testing::dev_pki();
  const auto chain = std::filesystem::temp_directory_path() /
                     ("lt-kyso-chain-" + std::to_string(::getpid()) + ".pem");
  std::ofstream(chain) << testing::read_file(dir / "root-ca.pem")
                       << testing::read_file(dir / "intermediate-ca.pem");
  const std::string out = run_command(
      "openssl ocsp -issuer '" + (dir / "intermediate-ca.pem").string() + "' -cert '" +
      (dir / "revoked.pem").string() + "' -cert '" + (dir / "hub-signing.pem").string() +
      "' -url " + url_ + " -CAfile '" + chain.string() + "' -resp_text");
  std::filesystem::remove(chain);

  EXPECT_NE(out.find("Response verify OK"), std::string::npos) << out;
  EXPECT_NE(out.find("revoked.pem: revoked"), std::string::npos) << out;
  EXPECT_NE(out.find("Reason: keyCompromise"), std::string::npos) << out;
  EXPECT_NE(out.find("hub-signing.pem: good"), std::string::npos) << out;
  EXPECT_NE(out.find("OCSP Response Status: successful (0x0)"), std::string::npos) << out;
  EXPECT_EQ(out.find("WARNING: no nonce in response"), std::string::npos) << out;  // echoed
}

TEST_F(OcspOverHttpTest, CheckerThroughHttpClientAgrees) {
  auto client = std::make_shared<http::HttpClient>(ioc_.get_executor(), http::ClientOptions{});
  security::OcspCheckerOptions options;
  options.trust_anchors.push_back(testing::load_cert("root-ca.pem"));
  options.responder_url = url_;  // the certificates' AIA names the default port 9105
  // The transport the hub wires into its checker (core/pipeline/ocsp_transport.hpp).
  security::OcspChecker checker(std::move(options), pipeline::http_ocsp_transport(*client, 5s));
  auto issuer = testing::load_cert("intermediate-ca.pem");
  auto revoked = testing::load_cert("revoked.pem");
  auto good = testing::load_cert("hub-signing.pem");

  std::promise<std::pair<security::OcspOutcome, security::OcspOutcome>> done;
  asio::co_spawn(
      ioc_,
      [&]() -> asio::awaitable<void> {
        auto r = co_await checker.check(revoked.get(), issuer.get());
        auto g = co_await checker.check(good.get(), issuer.get());
        done.set_value({std::move(r), std::move(g)});
      },
      asio::detached);
  auto answers = done.get_future();
  ASSERT_EQ(answers.wait_for(20s), std::future_status::ready);
  auto [r, g] = answers.get();
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->status, security::CertStatus::kRevoked);
  ASSERT_TRUE(g) << g.error().detail;
  EXPECT_EQ(g->status, security::CertStatus::kGood);
  EXPECT_EQ(endpoint_->requests().size(), 2u);
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
