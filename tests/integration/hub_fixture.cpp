#include "hub_fixture.hpp"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <mutex>

#include "core/admin/auth/local_token.hpp"
#include "core/base/digest.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/ingress/authenticate.hpp"
#include "scenario_values.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

std::mutex g_log_mutex;
std::string g_log;  // every line logged during the current test

void capture(std::string_view line) {
  const std::lock_guard lock(g_log_mutex);
  g_log.append(line);
  g_log += '\n';
}

}  // namespace

void HubFixture::remove_store() const {
  if (store_path_.empty()) return;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    std::filesystem::remove(store_path_.string() + suffix, ec);
  }
}

bool HubFixture::logged(std::string_view text) {
  const std::lock_guard lock(g_log_mutex);
  return g_log.find(text) != std::string::npos;
}

void HubFixture::SetUp() {
  {
    const std::lock_guard lock(g_log_mutex);
    g_log.clear();
  }
  log::set_level(log::Level::kDebug);
  log::set_sink(&capture);
  sandbox::SandboxOptions options;
  options.ports = {{"dkdn", 0}, {"dancu", 0},  {"dvcqg", 0},
                   {"kyso", 0}, {"motcua", 0}, {"paygov", 0}};
  options.data_dir = std::filesystem::path(LT_SOURCE_DIR) / "sandbox/data";
  options.certs_dir = security::testing::dev_pki();
  customize_sandbox(options);
  sandbox_ = std::make_unique<sandbox::Sandbox>(ioc_, options);
  auto started = sandbox_->start();
  ASSERT_TRUE(started) << started.error().detail;

  auto config = config::load_hub_config(std::filesystem::path(LT_SOURCE_DIR) / "config/hub.json");
  ASSERT_TRUE(config) << config.error().front().to_string();
  config->listen.port = 0;
  config->admin.port = 0;
  config->limits.body_limit_bytes = 64 * 1024;
  // Each test its own queue: a shared one would let one test's hub deliver another's messages.
  store_path_ = std::filesystem::temp_directory_path() /
                ("lt-hub-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
  remove_store();
  config->store.type = "sqlite";
  config->store.path = store_path_;
  config->clients = {
      {"tester", lienthong::sha256_hex(kKey), {}, false, {}, {}, {"*"}},
      {"limited", lienthong::sha256_hex(kLimitedKey), {}, false, {}, {}, {"dkdn/*"}},
      {"portal",
       lienthong::sha256_hex(kPortalKey),
       {},
       false,
       {},
       {},
       {},
       {"dvcqg/status-callback"}},
      {"paygov-platform",
       lienthong::sha256_hex(kPaygovIpnKey),
       {},
       false,
       {},
       {},
       {},
       {"paygov/payment-notice"}},
  };
  for (auto& [name, target] : config->provincial_targets) {
    target.url =
        "http://127.0.0.1:" + std::to_string(sandbox_->port("motcua")) + "/lienthong/inbound";
  }
  for (auto& c : config->connectors) {
    c.base_url = std::string(sandbox_->scheme(c.id)) +
                 "://127.0.0.1:" + std::to_string(sandbox_->port(c.id));
    use_test_pki(c);
    if (c.message_security) {
      c.message_security->ocsp_url =
          "http://127.0.0.1:" + std::to_string(sandbox_->port("kyso")) + "/ocsp";
    }
    if (c.signing) {
      c.signing->ocsp_url = "http://127.0.0.1:" + std::to_string(sandbox_->port("kyso")) + "/ocsp";
    }
  }
  if (auto& key = config->evidence.archive_key) {
    key->file = security::testing::pki_file(key->file.filename().string());
  }
  auto& tsa = config->time_stamp_authority;
  tsa.url = "http://127.0.0.1:" + std::to_string(sandbox_->port("kyso")) + "/tsa";
  for (auto& file : tsa.trust_anchors) file = security::testing::pki_file(file.filename().string());
  for (auto& file : tsa.intermediates) file = security::testing::pki_file(file.filename().string());
  customize(*config);
  auto hub = app::Hub::create(ioc_, *config);
  ASSERT_TRUE(hub) << hub.error().front().to_string();
  hub_ = std::move(hub).value();
  auto bound = hub_->listen();
  ASSERT_TRUE(bound) << bound.error().detail;

  io_threads_.start(ioc_, 2);
}

void IoThreads::start(asio::io_context& ioc, int count) {
  work_ = std::make_unique<asio::executor_work_guard<asio::io_context::executor_type>>(
      ioc.get_executor());
  for (int i = 0; i < count; ++i) threads_.emplace_back([&ioc] { ioc.run(); });
}

void IoThreads::stop(asio::io_context& ioc, app::Hub* hub, sandbox::Sandbox* sandbox) {
  if (threads_.empty()) return;
  auto done = asio::co_spawn(
      ioc,
      [hub, sandbox]() -> asio::awaitable<void> {
        if (hub != nullptr) co_await hub->shutdown();
        if (sandbox != nullptr) co_await sandbox->shutdown(std::chrono::milliseconds(500));
      },
      asio::use_future);
  done.wait_for(std::chrono::seconds(15));
  work_.reset();
  ioc.stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void HubFixture::TearDown() {
  io_threads_.stop(ioc_, hub_.get(), sandbox_.get());
  hub_.reset();
  sandbox_.reset();
  remove_store();
  log::set_sink(nullptr);
  log::set_level(log::Level::kInfo);
  auto values = scenario_values();
  values[kKey] = "test API key";
  values[kLimitedKey] = "test API key";
  values[kPortalKey] = "test API key";
  values["sandbox-motcua-token"] = "provincial target token";
  values["sandbox-dkdn-token"] = "dkdn bearer token";
  values["sandbox-paygov-secret"] = "paygov checksum secret";
  values["sandbox-paygov-token"] = "paygov bearer token";
  values[kPaygovIpnKey] = "paygov IPN key";
  const std::lock_guard lock(g_log_mutex);
  expect_no_leaks(g_log, values);
}

void use_test_pki(config::ConnectorConfig& connector) {
  const auto moved = [](std::filesystem::path& file) {
    if (!file.empty()) file = security::testing::pki_file(file.filename().string());
  };
  if (auto& tls = connector.tls) {
    for (auto* file : {&tls->ca, &tls->client_certificate, &tls->client_key, &tls->pkcs12}) {
      moved(*file);
    }
  }
  if (auto& m = connector.message_security) {
    for (auto* file : {&m->signing_key, &m->signing_certificate, &m->signing_pkcs12}) moved(*file);
    for (auto& file : m->trust_anchors) moved(file);
    for (auto& file : m->intermediates) moved(file);
  }
  if (auto& s = connector.signing) {
    for (auto& file : s->trust_anchors) moved(file);
    for (auto& file : s->intermediates) moved(file);
  }
}

http::Response HubFixture::send_admin(http::Request request) const {
  auto token = admin::auth::read_local_token(hub_->config().var_dir /
                                             std::string(admin::auth::kLocalTokenFile));
  EXPECT_TRUE(token) << token.error().detail;
  if (token) request.set(beast::http::field::authorization, "Bearer " + *token);
  return send_http(hub_->admin_endpoint().port(), std::move(request));
}

http::Response send_http(std::uint16_t port, http::Request request) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(20));
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  request.set(beast::http::field::host, "127.0.0.1");
  request.prepare_payload();
  // The server may answer (413) and stop reading before the whole body is sent: still read.
  boost::system::error_code write_error;
  beast::http::write(stream, request, write_error);
  beast::flat_buffer buffer;
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  beast::http::read(stream, buffer, parser);
  return parser.release();
}

http::Response HubFixture::post(const std::string& target, const std::string& body,
                                std::map<std::string, std::string> headers) {
  http::Request req{beast::http::verb::post, target, 11};
  headers.try_emplace("Authorization", std::string("Bearer ") + kKey);
  headers.try_emplace("Content-Type", "application/json");
  for (const auto& [k, v] : headers) {
    if (!v.empty()) req.set(k, v);
  }
  req.body() = body;
  return send_http(hub_port(), std::move(req));
}

http::Response HubFixture::post_json(const std::string& target, const nlohmann::json& body,
                                     std::map<std::string, std::string> headers) {
  return post(target, body.dump(), std::move(headers));
}

http::Response HubFixture::sandbox(const std::string& id, beast::http::verb verb,
                                   const std::string& target, const std::string& body) {
  http::Request req{verb, target, 11};
  if (!body.empty()) {
    req.set(beast::http::field::content_type, "application/json");
    req.body() = body;
  }
  if (sandbox_->scheme(id) == "https") {
    auto answer = send_https(sandbox_->port(id), std::move(req));
    if (answer) return std::move(answer).value();
    ADD_FAILURE() << answer.error();
    return http::Response{beast::http::status::bad_gateway, 11};
  }
  return send_http(sandbox_->port(id), std::move(req));
}

Result<http::Response, std::string> send_https(std::uint16_t port, http::Request request,
                                               const std::string& client) {
  namespace ssl = asio::ssl;
  asio::io_context ioc;
  ssl::context tls(ssl::context::tls_client);
  tls.load_verify_file(security::testing::pki_file("root-ca.pem").string());
  tls.set_verify_mode(ssl::verify_peer);
  if (!client.empty()) {
    tls.use_certificate_chain_file(security::testing::pki_file(client + "-chain.pem").string());
    tls.use_private_key_file(security::testing::pki_file(client + "-key.pem").string(),
                             ssl::context::pem);
  }
  beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(20));
  boost::system::error_code ec;
  beast::get_lowest_layer(stream).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return "connect: " + ec.message();
  stream.handshake(ssl::stream_base::client, ec);
  if (ec) return "TLS handshake: " + ec.message();
  request.set(beast::http::field::host, "127.0.0.1");
  request.prepare_payload();
  beast::http::write(stream, request, ec);
  if (ec) return "write: " + ec.message();
  beast::flat_buffer buffer;
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  beast::http::read(stream, buffer, parser, ec);
  // TLS 1.3 reports a refused client certificate only once the server's alert is read.
  if (ec) return "read: " + ec.message();
  return parser.release();
}

nlohmann::json body_json(const http::Response& response) {
  auto json = nlohmann::json::parse(response.body(), nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << "not JSON: " << response.body();
  return json;
}

}  // namespace lienthong::testing
