#pragma once

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "app/hub.hpp"
#include "sandbox/sandbox.hpp"

namespace lienthong::testing {

/// A hub and its sandbox running in this process on free ports, called through real HTTP.
/// Clients: "tester" (key kKey, every outbound call), "limited" (kLimitedKey, dkdn only),
/// "portal" (kPortalKey, only the dvcqg status callbacks on /inbound) and "paygov-platform"
/// (kPaygovIpnKey, only the payment notices: the sandbox's payment mock presents it). The
/// sandbox's provincial mock (motcua) receives the inbound pushes (provincial_targets point at it).
/// The shipped config is used with its certificate paths moved into the test PKI
/// (tests/support/test_pki.hpp) and OCSP pointed at the sandbox's kyso responder.
/// Every line logged during a test (at debug level) is kept, and at the end scanned for the
/// sandbox's scenario values and the test keys: no integration test may log them in clear.
/// The threads that run a test's io_context (a work guard keeps them running until stop()).
class IoThreads {
 public:
  void start(boost::asio::io_context& ioc, int count);
  /// Shuts `hub` and `sandbox` (either may be null) down on `ioc`, waiting at most 15 s, then
  /// stops `ioc` and joins the threads. Nothing when never started.
  void stop(boost::asio::io_context& ioc, app::Hub* hub, sandbox::Sandbox* sandbox);

 private:
  std::vector<std::thread> threads_;
  std::unique_ptr<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
};

class HubFixture : public ::testing::Test {
 protected:
  static constexpr const char* kKey = "test-key";
  static constexpr const char* kLimitedKey = "limited-key";
  static constexpr const char* kPortalKey = "portal-key";
  /// The key the sandbox's payment mock presents with its IPNs (client "paygov-platform").
  static constexpr const char* kPaygovIpnKey = "sandbox-paygov-ipn-key";

  void SetUp() override;
  void TearDown() override;
  /// Lets a test adjust the config before the hub is built.
  virtual void customize(config::HubConfig& /*config*/) {}
  /// Lets a test adjust the sandbox (e.g. who signs dancu's answers) before it starts.
  virtual void customize_sandbox(sandbox::SandboxOptions& /*options*/) {}

  http::Response post(const std::string& target, const std::string& body,
                      std::map<std::string, std::string> headers = {});
  http::Response post_json(const std::string& target, const nlohmann::json& body,
                           std::map<std::string, std::string> headers = {});
  /// A request straight to one sandbox mock (over mutual TLS as the hub for dancu).
  http::Response sandbox(const std::string& id, boost::beast::http::verb verb,
                         const std::string& target, const std::string& body = {});

  /// A request to the admin listener as the local operator (the hub's local token, as the CLI
  /// sends it); the sign-in paths themselves are tested in admin_auth_test.cpp.
  http::Response send_admin(http::Request request) const;

  std::uint16_t hub_port() const { return hub_->ingress_endpoint().port(); }
  /// True when a line logged so far in this test contains `text`.
  static bool logged(std::string_view text);
  void remove_store() const;

  /// The test's own SQLite store (a temp file, removed at the end).
  std::filesystem::path store_path_;
  boost::asio::io_context ioc_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::unique_ptr<app::Hub> hub_;

 private:
  IoThreads io_threads_;
};

/// The shipped config's certificate files (certs/dev/...) taken from the test PKI instead.
void use_test_pki(config::ConnectorConfig& connector);

/// One blocking HTTP/1.1 exchange on a new connection (tests only).
http::Response send_http(std::uint16_t port, http::Request request);

/// One blocking HTTPS exchange on a new connection, trusting the test PKI's root and showing
/// the client certificate `<client>-chain.pem` ("" for none). An error says what failed.
Result<http::Response, std::string> send_https(std::uint16_t port, http::Request request,
                                               const std::string& client = "hub-client");

/// The JSON body of a response, or a test failure.
nlohmann::json body_json(const http::Response& response);

}  // namespace lienthong::testing
