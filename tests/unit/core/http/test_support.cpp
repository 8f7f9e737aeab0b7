#include "test_support.hpp"

#include <openssl/x509v3.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace lienthong::http::testing {

IoThreads::IoThreads(int threads)
    : strand_(asio::make_strand(ioc_)), work_(asio::make_work_guard(ioc_)) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

IoThreads::~IoThreads() {
  work_.reset();
  ioc_.stop();
  for (auto& t : threads_) t.join();
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::yield();
  }
  return condition();
}

Handler test_handler(Hooks& hooks) {
  return [&hooks](Incoming& in) -> asio::awaitable<std::optional<Response>> {
    namespace bhttp = beast::http;
    ++hooks.requests;
    const auto& request = in.request;
    const std::string target(request.target());
    Response response{bhttp::status::ok, request.version()};
    response.set(bhttp::field::content_type, "text/plain");
    if (target == "/slow") {
      std::call_once(hooks.slow_once, [&] { hooks.slow_entered.set_value(); });
      co_await hooks.gate.wait();
      response.body() = "done";
    } else if (target == "/reset") {
      co_return std::nullopt;
    } else if (target == "/throw") {
      throw std::runtime_error("handler bug for the test");
    } else if (target.starts_with("/big?n=")) {
      response.body() = std::string(std::stoul(target.substr(7)), 'x');
    } else if (target == "/close") {
      response.keep_alive(false);
      response.body() = "bye";
    } else if (target == "/headers") {
      response.body() = std::string(request[bhttp::field::host]) + "|" +
                        std::string(request[bhttp::field::user_agent]) + "|" +
                        in.peer_certificate_subject + "|" + in.peer_certificate_sha256;
    } else {
      response.body() = std::string(request.method_string()) + " " + target + " " +
                        std::to_string(request.body().size()) + " " + in.remote_address;
    }
    response.prepare_payload();
    co_return response;
  };
}

TestServer::TestServer(ServerLimits limits, std::shared_ptr<asio::ssl::context> tls) {
  server = std::make_unique<Server>(io.ioc(), "test", limits, test_handler(hooks), std::move(tls));
  auto bound = server->listen("127.0.0.1", 0);
  if (!bound) {
    ADD_FAILURE() << bound.error().detail;
    return;
  }
  port = bound->port();
}

TestServer::~TestServer() {
  hooks.gate.open();
  io.run(server->shutdown(2s));
}

asio::awaitable<ErrorCode> RawClient::connect(std::uint16_t port) {
  stream.expires_after(5s);
  auto [ec] = co_await stream.async_connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), kUse);
  co_return ec;
}

asio::awaitable<ErrorCode> RawClient::send(std::string bytes) {
  stream.expires_after(5s);
  auto [ec, n] = co_await asio::async_write(stream, asio::buffer(bytes), kUse);
  co_return ec;
}

asio::awaitable<std::pair<ErrorCode, Response>> RawClient::read_response() {
  stream.expires_after(5s);
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  auto [ec, n] = co_await beast::http::async_read(stream, buffer, parser, kUse);
  co_return std::pair{ec, ec ? Response{} : parser.release()};
}

asio::awaitable<ErrorCode> RawClient::read_until_closed() {
  stream.expires_after(5s);
  for (;;) {
    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kUse);
    if (ec) co_return ec;
    buffer.commit(n);
  }
}

TestCertificate::TestCertificate(const std::string& common_name, const std::string& dns) {
  key = EVP_EC_gen("P-256");
  certificate = X509_new();
  X509_set_version(certificate, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 24L * 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME* name = X509_get_subject_name(certificate);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(certificate, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, certificate, certificate, nullptr, nullptr, 0);
  const std::string san = "DNS:" + dns;
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
  X509_add_ext(certificate, ext, -1);
  X509_EXTENSION_free(ext);
  X509_sign(certificate, key, EVP_sha256());
}

TestCertificate::~TestCertificate() {
  X509_free(certificate);
  EVP_PKEY_free(key);
}

namespace {

void present(asio::ssl::context& context, const TestCertificate& identity) {
  SSL_CTX_use_certificate(context.native_handle(), identity.certificate);
  SSL_CTX_use_PrivateKey(context.native_handle(), identity.key);
}

void trust(asio::ssl::context& context, const TestCertificate& anchor) {
  X509_STORE_add_cert(SSL_CTX_get_cert_store(context.native_handle()), anchor.certificate);
}

}  // namespace

std::shared_ptr<asio::ssl::context> server_tls(const TestCertificate& identity,
                                               const TestCertificate* trusted_client) {
  auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  present(*context, identity);
  if (trusted_client != nullptr) {
    trust(*context, *trusted_client);
    context->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
  }
  return context;
}

std::shared_ptr<asio::ssl::context> client_tls(const TestCertificate& anchor,
                                               const TestCertificate* identity) {
  auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  trust(*context, anchor);
  if (identity != nullptr) present(*context, *identity);
  return context;
}

Request make_request(beast::http::verb verb, std::string target, std::string body) {
  Request request{verb, target, 11};
  request.set(beast::http::field::host, "127.0.0.1");
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

}  // namespace lienthong::http::testing
