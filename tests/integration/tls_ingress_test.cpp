// The provincial TLS listener over real TLS: callers identified by client certificate (mTLS) or
// API key, their rights, certificates refused at the handshake, and the OCSP check of client
// certificates against the kyso responder (started here on a free port).
#include <gtest/gtest.h>
#include <openssl/pem.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>

#include "core/security/certificates/certificates.hpp"
#include "hub_fixture.hpp"
#include "sandbox/kyso/kyso_mock.hpp"
#include "sandbox/mock_endpoint.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
namespace fs = std::filesystem;
using security::testing::pki_file;

constexpr const char* kLookupEnterprise = "/v1/dkdn/lookup-enterprise";
constexpr const char* kLookupCitizen = "/v1/dancu/lookup-citizen";
const nlohmann::json kEnterprise = {{"enterpriseCode", "0100109106"}};
const nlohmann::json kCitizen = {
    {"citizenId", "001089012345"}, {"fullName", "Nguyễn Văn An"}, {"dateOfBirth", "1989-05-17"}};

/// One blocking TLS connection to the hub, trusting the dev root, optionally presenting a
/// client certificate; several requests may go over it (keep-alive).
class TlsConnection {
 public:
  TlsConnection(std::uint16_t port, const std::string& cert_chain, const std::string& key,
                int max_version = 0)
      : context_(ssl::context::tls_client) {
    if (max_version != 0) SSL_CTX_set_max_proto_version(context_.native_handle(), max_version);
    context_.load_verify_file(pki_file("root-ca.pem").string());
    context_.set_verify_mode(ssl::verify_peer);
    if (!cert_chain.empty()) {
      context_.use_certificate_chain_file(cert_chain);
      context_.use_private_key_file(key, ssl::context::pem);
    }
    // The SSL object copies the context's settings when it is made, so only now.
    stream_.emplace(ioc_, context_);
    auto& tcp = beast::get_lowest_layer(*stream_);
    tcp.expires_after(std::chrono::seconds(20));
    tcp.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    stream_->handshake(ssl::stream_base::client);  // throws when the server refuses
  }

  http::Response post(const std::string& target, const nlohmann::json& body,
                      const std::string& key = {}) {
    http::Request req{beast::http::verb::post, target, 11};
    req.set(beast::http::field::host, "127.0.0.1");
    req.set(beast::http::field::content_type, "application/json");
    if (!key.empty()) req.set(beast::http::field::authorization, "Bearer " + key);
    req.body() = body.dump();
    req.prepare_payload();
    beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(20));
    beast::http::write(*stream_, req);
    beast::flat_buffer buffer;
    http::Response res;
    beast::http::read(*stream_, buffer, res);
    return res;
  }

 private:
  asio::io_context ioc_;
  ssl::context context_;
  std::optional<ssl::stream<beast::tcp_stream>> stream_;
};

std::string chain(const std::string& name) {
  return pki_file(name + "-chain.pem").string();
}
std::string key(const std::string& name) {
  return pki_file(name + "-key.pem").string();
}

class TlsIngress : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override {
    auto& tls = config.listen_tls;
    tls.enabled = true;
    tls.port = 0;
    tls.certificate = pki_file("hub-server-chain.pem");
    tls.private_key = pki_file("hub-server-key.pem");
    tls.client_ca = pki_file("root-ca.pem");
    tls.client_certificates = client_certificates_;
    tls.ocsp = ocsp_;
    if (ocsp_ != "off") start_ocsp_mock(tls);
    // Identified by subject: provincial-client; by fingerprint: revoked-client. Both dkdn only.
    auto provincial = security::testing::load_cert(pki_file("provincial-client.pem"));
    auto revoked = security::testing::load_cert(pki_file("revoked-client.pem"));
    config.clients.push_back(
        {"provincial-mtls", {}, {}, false, security::subject_of(provincial.get()), {}, {"dkdn/*"}});
    config.clients.push_back({"revoked-mtls",
                              {},
                              {},
                              false,
                              {},
                              security::sha256_fingerprint(revoked.get()),
                              {"dkdn/*"}});
  }

  void start_ocsp_mock(config::TlsListenerConfig& tls) {
    if (!ocsp_reachable_) {
      tls.ocsp_url = "http://127.0.0.1:1/ocsp";  // nothing listens on port 1
      return;
    }
    auto mock = sandbox::kyso::KysoMock::load(
        sandbox::kyso::OcspResponderFiles::in_dev_pki(security::testing::dev_pki()));
    ASSERT_TRUE(mock) << mock.error().front().to_string();
    ocsp_endpoint_ = std::make_shared<sandbox::MockEndpoint>(*mock, sandbox::EndpointOptions{});
    ocsp_server_ = std::make_unique<http::Server>(ioc_, "kyso", http::ServerLimits{},
                                                  ocsp_endpoint_->handler());
    auto bound = ocsp_server_->listen("127.0.0.1", 0);
    ASSERT_TRUE(bound) << bound.error().detail;
    tls.ocsp_url = "http://127.0.0.1:" + std::to_string(bound->port()) + "/ocsp";
  }

  void TearDown() override {
    if (ocsp_server_) {
      asio::co_spawn(ioc_, ocsp_server_->shutdown(std::chrono::milliseconds(200)), asio::use_future)
          .wait_for(std::chrono::seconds(5));
    }
    HubFixture::TearDown();
    ocsp_server_.reset();
  }

  std::uint16_t tls_port() const { return hub_->ingress_tls_endpoint()->port(); }
  std::size_t ocsp_requests() const {
    return ocsp_endpoint_ ? ocsp_endpoint_->requests().size() : 0;
  }
  std::string client_certificates_ = "optional";
  std::string ocsp_ = "off";
  bool ocsp_reachable_ = true;
  std::shared_ptr<sandbox::MockEndpoint> ocsp_endpoint_;
  std::unique_ptr<http::Server> ocsp_server_;
};

TEST_F(TlsIngress, ClientCertificateGetsItsOwnRights) {
  TlsConnection c(tls_port(), chain("provincial-client"), key("provincial-client"));
  auto allowed = c.post(kLookupEnterprise, kEnterprise);
  EXPECT_EQ(allowed.result_int(), 200) << allowed.body();
  auto other = c.post(kLookupCitizen, kCitizen);
  EXPECT_EQ(other.result_int(), 403) << other.body();
  EXPECT_NE(body_json(other)["detail"].get<std::string>().find("client provincial-mtls may not"),
            std::string::npos);
}

TEST_F(TlsIngress, NoCertificateAndNoKeyIs401) {
  TlsConnection c(tls_port(), {}, {});
  auto res = c.post(kLookupEnterprise, kEnterprise);
  EXPECT_EQ(res.result_int(), 401) << res.body();
  EXPECT_EQ(res[beast::http::field::www_authenticate], "Bearer");
}

TEST_F(TlsIngress, ApiKeysStillWorkOverTls) {
  TlsConnection c(tls_port(), {}, {});
  auto res = c.post(kLookupCitizen, kCitizen, kKey);
  EXPECT_EQ(res.result_int(), 200) << res.body();
  auto limited = c.post(kLookupCitizen, kCitizen, kLimitedKey);
  EXPECT_EQ(limited.result_int(), 403) << limited.body();
}

TEST_F(TlsIngress, CertificateFromAnUntrustedCaIsRefusedAtTheHandshake) {
  const auto dir = security::testing::fresh_temp_dir("tls-untrusted");
  auto stranger = security::testing::self_signed(2048, "provincial-dev", 30, "digitalSignature");
  {
    BIO* bio = BIO_new_file((dir / "cert.pem").c_str(), "w");
    PEM_write_bio_X509(bio, stranger.certificate());
    BIO_free(bio);
    bio = BIO_new_file((dir / "key.pem").c_str(), "w");
    PEM_write_bio_PrivateKey(bio, stranger.key(), nullptr, nullptr, 0, nullptr, nullptr);
    BIO_free(bio);
  }
  const auto cert = (dir / "cert.pem").string();
  const auto key_file = (dir / "key.pem").string();
  // TLS 1.2: the server's refusal ends the handshake.
  EXPECT_THROW(TlsConnection(tls_port(), cert, key_file, TLS1_2_VERSION),
               boost::system::system_error);
  // TLS 1.3: the client finishes its side first; the server's alert comes instead of an answer.
  EXPECT_THROW(
      {
        TlsConnection c(tls_port(), cert, key_file);
        c.post(kLookupEnterprise, kEnterprise, kKey);
      },
      boost::system::system_error);
  fs::remove_all(dir);
}

TEST_F(TlsIngress, OnlyTls12AndNewerAreOffered) {
  ssl::context old(ssl::context::tls_client);
  SSL_CTX_set_max_proto_version(old.native_handle(), TLS1_1_VERSION);
  SSL_CTX_set_security_level(old.native_handle(), 0);
  asio::io_context ioc;
  ssl::stream<beast::tcp_stream> stream(ioc, old);
  beast::get_lowest_layer(stream).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), tls_port()));
  boost::system::error_code ec;
  stream.handshake(ssl::stream_base::client, ec);
  EXPECT_TRUE(ec) << "a TLS 1.1 handshake succeeded";
}

class TlsIngressCertificateRequired : public TlsIngress {
 protected:
  TlsIngressCertificateRequired() { client_certificates_ = "required"; }
};

TEST_F(TlsIngressCertificateRequired, NoCertificateIsRefusedEvenWithAKey) {
  EXPECT_THROW(TlsConnection(tls_port(), {}, {}, TLS1_2_VERSION), boost::system::system_error);
  EXPECT_THROW(
      {
        TlsConnection c(tls_port(), {}, {});
        c.post(kLookupEnterprise, kEnterprise, kKey);
      },
      boost::system::system_error);
  TlsConnection with_cert(tls_port(), chain("provincial-client"), key("provincial-client"));
  EXPECT_EQ(with_cert.post(kLookupEnterprise, kEnterprise).result_int(), 200);
}

class TlsIngressOcsp : public TlsIngress {
 protected:
  TlsIngressOcsp() { ocsp_ = "hard-fail"; }
};

TEST_F(TlsIngressOcsp, RevokedClientCertificateIs401SayingRevoked) {
  TlsConnection c(tls_port(), chain("revoked-client"), key("revoked-client"));
  auto res = c.post(kLookupEnterprise, kEnterprise);
  EXPECT_EQ(res.result_int(), 401) << res.body();
  auto detail = body_json(res)["detail"].get<std::string>();
  EXPECT_NE(detail.find("client certificate revoked (keyCompromise)"), std::string::npos) << detail;
  // A valid API key does not make up for a revoked certificate on the same connection.
  TlsConnection with_key(tls_port(), chain("revoked-client"), key("revoked-client"));
  EXPECT_EQ(with_key.post(kLookupEnterprise, kEnterprise, kKey).result_int(), 401);
}

TEST_F(TlsIngressOcsp, GoodCertificateIsCheckedOncePerConnectionThenCached) {
  {
    TlsConnection c(tls_port(), chain("provincial-client"), key("provincial-client"));
    EXPECT_EQ(c.post(kLookupEnterprise, kEnterprise).result_int(), 200);
    EXPECT_EQ(c.post(kLookupEnterprise, kEnterprise).result_int(), 200);
  }
  EXPECT_EQ(ocsp_requests(), 1u);
  TlsConnection again(tls_port(), chain("provincial-client"), key("provincial-client"));
  EXPECT_EQ(again.post(kLookupEnterprise, kEnterprise).result_int(), 200);
  EXPECT_EQ(ocsp_requests(), 1u) << "the answer is cached until its nextUpdate";
}

class TlsIngressOcspUnreachableHardFail : public TlsIngress {
 protected:
  TlsIngressOcspUnreachableHardFail() {
    ocsp_ = "hard-fail";
    ocsp_reachable_ = false;
  }
};

TEST_F(TlsIngressOcspUnreachableHardFail, RefusesWith503) {
  TlsConnection c(tls_port(), chain("provincial-client"), key("provincial-client"));
  auto res = c.post(kLookupEnterprise, kEnterprise);
  EXPECT_EQ(res.result_int(), 503) << res.body();
  EXPECT_NE(body_json(res)["detail"].get<std::string>().find("OCSP responder unreachable"),
            std::string::npos);
  EXPECT_FALSE(res.keep_alive()) << "a retry must come on a new connection, checked again";
}

class TlsIngressOcspUnreachableSoftFail : public TlsIngress {
 protected:
  TlsIngressOcspUnreachableSoftFail() {
    ocsp_ = "soft-fail";
    ocsp_reachable_ = false;
  }
};

TEST_F(TlsIngressOcspUnreachableSoftFail, AcceptsAndWarns) {
  TlsConnection c(tls_port(), chain("provincial-client"), key("provincial-client"));
  auto res = c.post(kLookupEnterprise, kEnterprise);
  EXPECT_EQ(res.result_int(), 200) << res.body();
  EXPECT_TRUE(logged("ocsp.soft_fail"));
}

}  // namespace
}  // namespace lienthong::testing
