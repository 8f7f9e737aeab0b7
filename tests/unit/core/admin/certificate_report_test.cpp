#include "core/admin/certificate_report.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "core/security/openssl_ptr.hpp"

namespace lienthong::admin {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::time_t kNow = 1'796'601'600;  // 2026-12-07T00:00:00Z

struct Made {
  security::EvpPkeyPtr key;
  security::X509Ptr cert;
};

// A self-signed EC certificate valid from `from` to `to` (seconds since the epoch).
Made make_cert(const std::string& cn, std::time_t from, std::time_t to) {
  Made m;
  m.key.reset(EVP_EC_gen("P-256"));
  m.cert.reset(X509_new());
  X509_set_version(m.cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(m.cert.get()), 4711);
  ASN1_TIME_set(X509_getm_notBefore(m.cert.get()), from);
  ASN1_TIME_set(X509_getm_notAfter(m.cert.get()), to);
  X509_NAME* name = X509_get_subject_name(m.cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(m.cert.get(), name);
  X509_set_pubkey(m.cert.get(), m.key.get());
  X509_sign(m.cert.get(), m.key.get(), EVP_sha256());
  return m;
}

class CertificateReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lt-cert-report-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path pem(const std::string& name, const std::vector<const Made*>& certs) {
    auto file = dir_ / name;
    FILE* f = std::fopen(file.c_str(), "w");
    for (const auto* c : certs) PEM_write_X509(f, c->cert.get());
    std::fclose(f);
    return file;
  }
  fs::path p12(const std::string& name, const Made& m, const char* password) {
    PKCS12* p = PKCS12_create(password, "id", m.key.get(), m.cert.get(), nullptr, 0, 0, 0, 0, 0);
    auto file = dir_ / name;
    FILE* f = std::fopen(file.c_str(), "wb");
    i2d_PKCS12_fp(f, p);
    std::fclose(f);
    PKCS12_free(p);
    return file;
  }
  fs::path dir_;
};

TEST_F(CertificateReportTest, DescribesEachCertificateWithItsDaysLeft) {
  auto valid = make_cert("valid", kNow - 86400, kNow + 90 * 86400 + 3600);
  auto soon = make_cert("soon", kNow - 86400, kNow + 10 * 86400);
  auto old = make_cert("old", kNow - 10 * 86400, kNow - 3600);
  auto later = make_cert("later", kNow + 86400, kNow + 400 * 86400);
  std::vector<CertificateSource> sources = {
      {"", "listen_tls.certificate", pem("chain.pem", {&valid, &soon})},
      {"dancu", "tls.ca", pem("old.pem", {&old})},
      {"kyso", "signing.trust_anchors.0", pem("later.pem", {&later})},
      {"dkdn", "tls.ca", dir_ / "missing.pem"},
  };
  const auto report = certificate_report(sources, kNow);
  const auto& certs = report["certificates"];
  ASSERT_EQ(certs.size(), 4u) << report.dump(2);
  EXPECT_EQ(certs[0]["subject"], "CN=valid");
  EXPECT_EQ(certs[0]["issuer"], "CN=valid");
  EXPECT_EQ(certs[0]["key"], "listen_tls.certificate");
  EXPECT_FALSE(certs[0].contains("connector"));
  EXPECT_EQ(certs[0]["index"], 0);
  EXPECT_EQ(certs[0]["days_left"], 90);
  EXPECT_EQ(certs[0]["status"], "valid");
  EXPECT_EQ(certs[0]["serial"], "1267");
  EXPECT_EQ(certs[0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(certs[1]["index"], 1);
  EXPECT_EQ(certs[1]["days_left"], 10);
  EXPECT_EQ(certs[1]["status"], "expiring");
  EXPECT_EQ(certs[1]["not_after"], "2026-12-17T00:00:00.000Z");
  EXPECT_EQ(certs[2]["connector"], "dancu");
  EXPECT_EQ(certs[2]["days_left"], -1);
  EXPECT_EQ(certs[2]["status"], "expired");
  EXPECT_EQ(certs[3]["status"], "not_yet_valid");
  ASSERT_EQ(report["errors"].size(), 1u);
  EXPECT_EQ(report["errors"][0]["connector"], "dkdn");
  EXPECT_EQ(report["errors"][0]["file"], (dir_ / "missing.pem").string());
  EXPECT_EQ(report["errors"][0]["reason"], "cannot read the file");
}

TEST_F(CertificateReportTest, Pkcs12FilesAreOpenedWithTheirPasswordWhichIsNeverShown) {
  auto id = make_cert("signer", kNow - 86400, kNow + 365 * 86400);
  const auto file = p12("id.p12", id, "p12-secret-pw");
  std::vector<CertificateSource> sources = {
      {"dancu", "message_security.signing_pkcs12", file, true, "p12-secret-pw"},
      {"dkdn", "tls.pkcs12", file, true, "wrong-secret-pw"},
  };
  const auto report = certificate_report(sources, kNow);
  ASSERT_EQ(report["certificates"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["certificates"][0]["subject"], "CN=signer");
  EXPECT_EQ(report["certificates"][0]["days_left"], 365);
  ASSERT_EQ(report["errors"].size(), 1u);
  EXPECT_EQ(report["errors"][0]["key"], "tls.pkcs12");
  EXPECT_EQ(report.dump().find("secret-pw"), std::string::npos) << report.dump(2);
}

TEST(CertificateSources, TheShippedConfigNamesItsCertificateFiles) {
  auto hub = config::load_hub_config(fs::path(LT_SOURCE_DIR) / "config/hub.json");
  ASSERT_TRUE(hub) << hub.error().front().to_string();
  const auto sources = certificate_sources(*hub);
  std::vector<std::string> keys;
  for (const auto& s : sources) keys.push_back(s.connector + ":" + s.key);
  auto has = [&](const std::string& k) {
    return std::find(keys.begin(), keys.end(), k) != keys.end();
  };
  EXPECT_TRUE(has("dancu:tls.ca")) << ::testing::PrintToString(keys);
  EXPECT_TRUE(has("dancu:message_security.trust_anchors.0"));
  EXPECT_TRUE(has(":time_stamp_authority.trust_anchors.0"));
  EXPECT_TRUE(has("kyso:signing.trust_anchors.0"));
}

}  // namespace
}  // namespace lienthong::admin
