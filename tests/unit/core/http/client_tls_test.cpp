#include "core/http/client_tls.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/http/client.hpp"
#include "test_support.hpp"

namespace lienthong::http {
namespace {

using namespace testing;
namespace bhttp = beast::http;
namespace fs = std::filesystem;

// The identity's certificate and key as PEM files in a folder of this test.
struct PemFiles {
  explicit PemFiles(const TestCertificate& identity, const std::string& tag)
      : dir(fs::temp_directory_path() / ("lt-client-tls-" + std::to_string(::getpid()) + tag)) {
    fs::create_directories(dir);
    FILE* c = std::fopen(cert().c_str(), "w");
    PEM_write_X509(c, identity.certificate);
    std::fclose(c);
    FILE* k = std::fopen(key().c_str(), "w");
    PEM_write_PrivateKey(k, identity.key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(k);
  }
  ~PemFiles() { fs::remove_all(dir); }
  PemFiles(const PemFiles&) = delete;
  PemFiles& operator=(const PemFiles&) = delete;
  [[nodiscard]] fs::path cert() const { return dir / "cert.pem"; }
  [[nodiscard]] fs::path key() const { return dir / "key.pem"; }
  fs::path dir;
};

TEST(ClientTls, MutualTlsWithConfiguredFilesResumesSessionsOnNewConnections) {
  const TestCertificate server_identity("localhost", "localhost");
  const TestCertificate client_identity("hub", "hub");
  const PemFiles server_files(server_identity, "s");
  const PemFiles client_files(client_identity, "c");
  TestServer s({}, server_tls(server_identity, &client_identity));
  auto tls =
      make_client_tls({server_files.cert(), client_files.cert(), client_files.key(), {}, {}});
  ASSERT_TRUE(tls) << tls.error();
  EXPECT_EQ(SSL_CTX_get_min_proto_version((*tls)->native_handle()), TLS1_2_VERSION);
  ClientOptions options;
  options.tls = *tls;
  options.max_idle_per_origin = 0;  // every request on a new connection
  HttpClient client(s.io.ioc().get_executor(), options);
  const auto origin = Url::parse("https://localhost:" + std::to_string(s.port)).value();
  for (int i = 0; i < 3; ++i) {
    auto result = s.io.run(client.send(origin, make_request(bhttp::verb::get, "/t"), 5s));
    ASSERT_TRUE(result.has_value()) << result.error().detail;
    EXPECT_EQ(result->result_int(), 200U);
  }
  EXPECT_EQ(client.tls_handshakes(), 3U);
  EXPECT_GE(client.tls_sessions_resumed(), 1U) << "later connections resume the session";
}

TEST(ClientTls, WithoutTheClientCertificateTheServerRefuses) {
  const TestCertificate server_identity("localhost", "localhost");
  const TestCertificate client_identity("hub", "hub");
  const PemFiles server_files(server_identity, "s2");
  TestServer s({}, server_tls(server_identity, &client_identity));
  auto tls = make_client_tls({server_files.cert(), {}, {}, {}, {}});
  ASSERT_TRUE(tls) << tls.error();
  ClientOptions options;
  options.tls = *tls;
  HttpClient client(s.io.ioc().get_executor(), options);
  const auto origin = Url::parse("https://localhost:" + std::to_string(s.port)).value();
  auto result = s.io.run(client.send(origin, make_request(bhttp::verb::get, "/t"), 5s));
  EXPECT_FALSE(result.has_value());
  EXPECT_EQ(s.hooks.requests, 0);
}

TEST(ClientTls, BadFilesAreNamed) {
  auto missing_ca = make_client_tls({"/nonexistent/ca.pem", {}, {}, {}, {}});
  ASSERT_FALSE(missing_ca);
  EXPECT_TRUE(missing_ca.error().starts_with("/nonexistent/ca.pem: ")) << missing_ca.error();
  auto missing_p12 = make_client_tls({{}, {}, {}, "/nonexistent/id.p12", "pw"});
  ASSERT_FALSE(missing_p12);
  EXPECT_EQ(missing_p12.error(), "/nonexistent/id.p12: cannot be read");
  const TestCertificate a("a", "a");
  const TestCertificate b("b", "b");
  const PemFiles fa(a, "a");
  const PemFiles fb(b, "b");
  auto mismatched = make_client_tls({{}, fa.cert(), fb.key(), {}, {}});
  ASSERT_FALSE(mismatched);
  EXPECT_TRUE(mismatched.error().starts_with(fb.key().string())) << mismatched.error();
}

}  // namespace
}  // namespace lienthong::http
