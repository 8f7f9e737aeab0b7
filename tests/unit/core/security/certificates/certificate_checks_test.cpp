#include "core/security/certificates/certificate_checks.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "core/security/certificates/certificates.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security {
namespace {

namespace fs = std::filesystem;
using testing::pki_file;

Certificates dev_root() {
  Certificates anchors;
  anchors.push_back(testing::load_cert(pki_file("root-ca.pem")));
  return anchors;
}

// Only the dev root: a certificate the machine happens to trust must not pass by accident.
CertificateCheckOptions dev_only() {
  CertificateCheckOptions o;
  o.system_anchors = false;
  return o;
}

std::string all(const std::vector<CertificateFinding>& findings) {
  std::string out;
  for (const auto& f : findings) out += f.reason + "\n";
  return out;
}

TEST(CertificateChecks, DevServerIdentityIsClean) {
  IdentityFiles files{pki_file("hub-server-chain.pem"), pki_file("hub-server-key.pem")};
  EXPECT_TRUE(check_identity(files, dev_root(), dev_only()).empty())
      << all(check_identity(files, dev_root(), dev_only()));
}

TEST(CertificateChecks, ExpiredCertificateIsReported) {
  IdentityFiles files{pki_file("expired-chain.pem"), pki_file("expired-key.pem")};
  auto findings = check_identity(files, dev_root(), dev_only());
  ASSERT_EQ(findings.size(), 1u) << all(findings);
  EXPECT_EQ(findings[0].part, IdentityPart::kCertificate);
  EXPECT_NE(findings[0].reason.find("CN=expired-signer"), std::string::npos) << findings[0].reason;
  EXPECT_NE(findings[0].reason.find("expired on 2021-01-01T00:00:00Z"), std::string::npos)
      << findings[0].reason;
}

TEST(CertificateChecks, MismatchedKeyIsReportedAtTheKey) {
  IdentityFiles files{pki_file("provincial-client-chain.pem"), pki_file("hub-server-key.pem")};
  auto findings = check_identity(files, dev_root(), dev_only());
  ASSERT_EQ(findings.size(), 1u) << all(findings);
  EXPECT_EQ(findings[0].part, IdentityPart::kKey);
  EXPECT_EQ(findings[0].reason, "does not match the certificate provincial-client-chain.pem");
}

TEST(CertificateChecks, UntrustedChainIsReported) {
  const auto dir = testing::fresh_temp_dir("checks-untrusted");
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=stranger "
                         "-keyout '" +
                         (dir / "key.pem").string() + "' -out '" + (dir / "cert.pem").string() +
                         "' >/dev/null 2>&1")
                            .c_str()),
            0);
  IdentityFiles files{dir / "cert.pem", dir / "key.pem"};
  auto findings = check_identity(files, dev_root(), dev_only());
  ASSERT_EQ(findings.size(), 1u) << all(findings);
  EXPECT_NE(findings[0].reason.find("CN=stranger does not chain to a configured trust anchor: "
                                    "self-signed certificate"),
            std::string::npos)
      << findings[0].reason;
  // The intermediate alone is not an anchor either: the chain must reach a configured root.
  Certificates intermediate_only;
  intermediate_only.push_back(testing::load_cert(pki_file("intermediate-ca.pem")));
  IdentityFiles hub{pki_file("hub-server-chain.pem"), pki_file("hub-server-key.pem")};
  EXPECT_EQ(check_identity(hub, intermediate_only, dev_only()).size(), 1u);
  fs::remove_all(dir);
}

TEST(CertificateChecks, SoonExpiringCertificateIsReported) {
  const auto dir = testing::fresh_temp_dir("checks-soon");
  const auto pki = testing::dev_pki();
  const std::string cmd =
      "cd '" + dir.string() +
      "' && openssl req -new -newkey rsa:2048 -nodes -subj /CN=soon -keyout key.pem -out csr.pem "
      ">/dev/null 2>&1 && openssl x509 -req -in csr.pem -days 10 -CA '" +
      (pki / "intermediate-ca.pem").string() + "' -CAkey '" +
      (pki / "intermediate-ca-key.pem").string() +
      "' -set_serial 4242 -out cert.pem >/dev/null 2>&1 && cat cert.pem '" +
      (pki / "intermediate-ca.pem").string() + "' > chain.pem";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  IdentityFiles files{dir / "chain.pem", dir / "key.pem"};
  auto findings = check_identity(files, dev_root(), dev_only());
  ASSERT_EQ(findings.size(), 1u) << all(findings);
  // 10 days from issue, less the seconds since: 9 or 10 whole days.
  EXPECT_TRUE(std::regex_search(findings[0].reason,
                                std::regex(R"(^certificate CN=soon expires in (9|10) days \()")))
      << findings[0].reason;
  CertificateCheckOptions shorter = dev_only();
  shorter.expiry_warning_days = 5;
  EXPECT_TRUE(check_identity(files, dev_root(), shorter).empty());
  fs::remove_all(dir);
}

TEST(CertificateChecks, MissingFilesAreReported) {
  IdentityFiles files{"/nonexistent/cert.pem", pki_file("hub-server-key.pem")};
  auto findings = check_identity(files, dev_root(), dev_only());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].reason, "missing file /nonexistent/cert.pem");
  IdentityFiles no_key{pki_file("hub-server-chain.pem"), "/nonexistent/key.pem"};
  findings = check_identity(no_key, dev_root(), dev_only());
  ASSERT_EQ(findings.size(), 1u) << all(findings);
  EXPECT_EQ(findings[0].part, IdentityPart::kKey);
  EXPECT_EQ(check_certificate_file("/nonexistent/ca.pem", dev_only()),
            std::vector<std::string>{"missing file /nonexistent/ca.pem"});
}

TEST(CertificateChecks, Pkcs12WithItsPasswordIsCleanAndAWrongOneIsNeverEchoed) {
  const auto password = testing::read_file(pki_file("hub-signing.p12.pass"));
  IdentityFiles good;
  good.pkcs12 = pki_file("hub-signing.p12");
  const std::string pass = password.substr(0, password.find('\n'));
  good.pkcs12_password = pass;
  EXPECT_TRUE(check_identity(good, dev_root(), dev_only()).empty())
      << all(check_identity(good, dev_root(), dev_only()));
  IdentityFiles bad = good;
  const std::string wrong = "not-the-password-" + pass;
  bad.pkcs12_password = wrong;
  auto findings = check_identity(bad, dev_root(), dev_only());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].part, IdentityPart::kPkcs12);
  EXPECT_NE(findings[0].reason.find("wrong PKCS#12 password"), std::string::npos);
  EXPECT_EQ(findings[0].reason.find(pass), std::string::npos);
  EXPECT_EQ(findings[0].reason.find("not-the-password"), std::string::npos);
}

TEST(CertificateChecks, AnchorFilesAreCheckedForValidity) {
  EXPECT_TRUE(check_certificate_file(pki_file("root-ca.pem"), dev_only()).empty());
  auto expired = check_certificate_file(pki_file("expired.pem"), dev_only());
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_NE(expired[0].find("expired on"), std::string::npos);
  // Two years from now the dev root is still valid, but a leaf of 825 days is near its end.
  CertificateCheckOptions later = dev_only();
  later.now = std::time(nullptr) + std::time_t{810} * 24 * 3600;
  EXPECT_EQ(check_certificate_file(pki_file("hub-server.pem"), later).size(), 1u);
}

}  // namespace
}  // namespace lienthong::security
