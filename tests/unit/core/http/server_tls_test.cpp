// http::server_tls(): the one server TLS context — protocol floor, cipher suites, options,
// client-certificate modes and start-up errors.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include <filesystem>

#include "core/http/tls.hpp"
#include "tests/unit/core/http/test_support.hpp"

namespace lienthong::http {
namespace {

namespace fs = std::filesystem;
using testing::TestCertificate;

class ServerTls : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lt-server-tls-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    write(identity_, "server");
    write(other_, "other");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const TestCertificate& id, const std::string& name) const {
    BIO* bio = BIO_new_file((dir_ / (name + ".pem")).c_str(), "w");
    PEM_write_bio_X509(bio, id.certificate);
    BIO_free(bio);
    bio = BIO_new_file((dir_ / (name + "-key.pem")).c_str(), "w");
    PEM_write_bio_PrivateKey(bio, id.key, nullptr, nullptr, 0, nullptr, nullptr);
    BIO_free(bio);
  }
  ServerTlsOptions options(ClientCertificates mode = ClientCertificates::kNone) const {
    return {dir_ / "server.pem", dir_ / "server-key.pem", dir_ / "other.pem", mode};
  }

  const TestCertificate identity_{"localhost", "localhost"};
  const TestCertificate other_{"other", "other"};
  fs::path dir_;
};

TEST_F(ServerTls, Tls12AndNewerWithEcdheAeadSuitesOnly) {
  auto context = server_tls(options());
  ASSERT_TRUE(context) << context.error();
  SSL_CTX* ctx = (*context)->native_handle();
  EXPECT_EQ(SSL_CTX_get_min_proto_version(ctx), TLS1_2_VERSION);
  const auto opts = SSL_CTX_get_options(ctx);
  EXPECT_NE(opts & SSL_OP_NO_COMPRESSION, 0U);
  EXPECT_NE(opts & SSL_OP_NO_RENEGOTIATION, 0U);
  EXPECT_NE(opts & SSL_OP_CIPHER_SERVER_PREFERENCE, 0U);
  STACK_OF(SSL_CIPHER)* ciphers = SSL_CTX_get_ciphers(ctx);
  ASSERT_NE(ciphers, nullptr);
  int tls12 = 0;
  for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
    const std::string name = SSL_CIPHER_get_name(sk_SSL_CIPHER_value(ciphers, i));
    if (name.rfind("TLS_", 0) == 0) continue;  // TLS 1.3 suites: all AEAD, all ephemeral
    ++tls12;
    EXPECT_EQ(name.rfind("ECDHE-", 0), 0U) << name;
    EXPECT_TRUE(name.find("GCM") != std::string::npos ||
                name.find("CHACHA20-POLY1305") != std::string::npos)
        << name;
  }
  EXPECT_EQ(tls12, 6);
  EXPECT_EQ(SSL_CTX_get_verify_mode(ctx), SSL_VERIFY_NONE);
}

TEST_F(ServerTls, ClientCertificateModes) {
  auto optional = server_tls(options(ClientCertificates::kOptional));
  ASSERT_TRUE(optional) << optional.error();
  EXPECT_EQ(SSL_CTX_get_verify_mode((*optional)->native_handle()), SSL_VERIFY_PEER);
  auto required = server_tls(options(ClientCertificates::kRequired));
  ASSERT_TRUE(required) << required.error();
  EXPECT_EQ(SSL_CTX_get_verify_mode((*required)->native_handle()),
            SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT);
}

TEST_F(ServerTls, StartUpErrorsNameTheFile) {
  auto o = options();
  o.certificate = dir_ / "missing.pem";
  auto missing = server_tls(o);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("cannot load the certificate chain " + o.certificate.string()),
            std::string::npos)
      << missing.error();
  o = options();
  o.private_key = dir_ / "other-key.pem";
  auto mismatch = server_tls(o);
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().find("does not match the certificate"), std::string::npos)
      << mismatch.error();
  o = options(ClientCertificates::kRequired);
  o.client_ca = dir_ / "no-ca.pem";
  auto no_ca = server_tls(o);
  ASSERT_FALSE(no_ca);
  EXPECT_NE(no_ca.error().find("cannot load the client CA file"), std::string::npos)
      << no_ca.error();
}

}  // namespace
}  // namespace lienthong::http
