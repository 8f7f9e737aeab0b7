#include "core/http/tls.hpp"

#include <gtest/gtest.h>

#include "core/http/client.hpp"
#include "test_support.hpp"

namespace lienthong::http {
namespace {

using namespace testing;
namespace bhttp = beast::http;

Url https(const std::string& host, std::uint16_t port) {
  return Url::parse("https://" + host + ":" + std::to_string(port)).value();
}

TEST(Tls, RoundTripWithATrustedSelfSignedCertificateAndSessionReuse) {
  const TestCertificate server_identity("localhost", "localhost");
  TestServer s({}, server_tls(server_identity));
  ClientOptions options;
  options.tls = client_tls(server_identity);
  HttpClient client(s.io.ioc().get_executor(), options);
  for (int i = 0; i < 3; ++i) {
    auto result =
        s.io.run(client.send(https("localhost", s.port), make_request(bhttp::verb::get, "/t"), 5s));
    ASSERT_TRUE(result.has_value()) << result.error().detail;
    EXPECT_EQ(result->result_int(), 200U);
    EXPECT_TRUE(result->body().starts_with("GET /t 0 127.0.0.1:"));
  }
  EXPECT_EQ(client.connections_opened(), 1U);
}

TEST(Tls, HostNameMismatchIsAnUpstreamError) {
  const TestCertificate server_identity("localhost", "localhost");
  TestServer s({}, server_tls(server_identity));
  ClientOptions options;
  options.tls = client_tls(server_identity);
  HttpClient client(s.io.ioc().get_executor(), options);
  // Same server, trusted certificate, but it does not name 127.0.0.1.
  auto result =
      s.io.run(client.send(https("127.0.0.1", s.port), make_request(bhttp::verb::get, "/"), 5s));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ProblemKind::kUpstreamError);
  EXPECT_TRUE(result.error().detail.starts_with(
      "TLS handshake with 127.0.0.1:" + std::to_string(s.port) + " failed: "))
      << result.error().detail;
  EXPECT_EQ(s.hooks.requests, 0);
}

TEST(Tls, UntrustedCertificateIsAnUpstreamError) {
  const TestCertificate server_identity("localhost", "localhost");
  const TestCertificate other("localhost", "localhost");
  TestServer s({}, server_tls(server_identity));
  ClientOptions options;
  options.tls = client_tls(other);
  HttpClient client(s.io.ioc().get_executor(), options);
  auto result =
      s.io.run(client.send(https("localhost", s.port), make_request(bhttp::verb::get, "/"), 5s));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ProblemKind::kUpstreamError);
  EXPECT_NE(result.error().detail.find("certificate verify failed"), std::string::npos)
      << result.error().detail;
}

TEST(Tls, MutualTlsHandsTheClientCertificateToTheHandler) {
  const TestCertificate server_identity("localhost", "localhost");
  const TestCertificate client_identity("so-tttt.example.vn", "so-tttt.example.vn");
  TestServer s({}, server_tls(server_identity, &client_identity));
  ClientOptions options;
  options.tls = client_tls(server_identity, &client_identity);
  HttpClient client(s.io.ioc().get_executor(), options);
  auto result = s.io.run(
      client.send(https("localhost", s.port), make_request(bhttp::verb::get, "/headers"), 5s));
  ASSERT_TRUE(result.has_value()) << result.error().detail;
  const auto expected_sha = certificate_sha256(client_identity.certificate);
  EXPECT_EQ(expected_sha.size(), 64U);
  EXPECT_EQ(result->body(), "127.0.0.1|lienthong/0.1|CN=so-tttt.example.vn|" + expected_sha);

  // The first reuses the pooled connection; the next two open new ones that resume the
  // remembered TLS session, and the certificate still comes through.
  for (int i = 0; i < 3; ++i) {
    auto request = make_request(bhttp::verb::get, "/headers");
    request.keep_alive(false);
    auto again = s.io.run(client.send(https("localhost", s.port), std::move(request), 5s));
    ASSERT_TRUE(again.has_value()) << again.error().detail;
    EXPECT_EQ(again->body(), result->body());
  }
  EXPECT_EQ(client.connections_opened(), 3U);

  // Without a client certificate the handshake fails and the handler never runs.
  ClientOptions anonymous;
  anonymous.tls = client_tls(server_identity);
  HttpClient stranger(s.io.ioc().get_executor(), anonymous);
  auto refused = s.io.run(
      stranger.send(https("localhost", s.port), make_request(bhttp::verb::get, "/headers"), 5s));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(s.hooks.requests, 4);
}

TEST(Tls, CertificateHelpers) {
  const TestCertificate identity("Sở Thông tin và Truyền thông", "example.vn");
  EXPECT_EQ(certificate_subject(identity.certificate), "CN=Sở Thông tin và Truyền thông");
  EXPECT_EQ(certificate_subject(nullptr), "");
  EXPECT_EQ(certificate_sha256(nullptr), "");
  EXPECT_NE(default_client_tls(), nullptr);
}

}  // namespace
}  // namespace lienthong::http
