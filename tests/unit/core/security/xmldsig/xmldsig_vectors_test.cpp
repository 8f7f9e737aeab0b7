// The interop vectors of ../shared/testdata/xmldsig (MANIFEST.md), verified with verify_any().
#include <gtest/gtest.h>

#include <filesystem>

#include "core/security/certificates/certificates.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::utc;

const fs::path kVectors = fs::path(LT_SHARED_DIR) / "testdata/xmldsig";

// What a row of the manifest expects.
enum class Expect {
  kValid,
  kUntrusted,  // signer does not chain to the anchor
  kExpired,
  kRevoked,
  kBadSignature,  // the signature or a reference does not hold
  kAlgorithm,     // cryptographically fine, refused by the algorithm policy
};

struct Row {
  std::string name;  // test label
  std::string file;
  std::vector<std::string> anchors;
  std::vector<std::string> untrusted;
  std::optional<std::time_t> at;
  bool strict_policy = false;  // dancu-dsig-1 instead of the legacy interop policy
  Expect expect;
  std::string detail_prefix;  // the refusal's detail starts with this
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << r.name;
}

Certificates load_all(const std::vector<std::string>& files) {
  Certificates out;
  for (const auto& f : files) {
    auto certs = load_certificates(kVectors / f);
    EXPECT_TRUE(certs) << certs.error().to_string();
    if (!certs) continue;
    for (auto& c : *certs) out.push_back(std::move(c));
  }
  return out;
}

class XmlDsigVectors : public ::testing::TestWithParam<Row> {
 protected:
  void SetUp() override {
    if (!fs::exists(kVectors / "MANIFEST.md")) GTEST_SKIP() << "../shared/testdata not present";
  }
};

TEST_P(XmlDsigVectors, OutcomeMatchesManifest) {
  const Row& row = GetParam();
  auto trust = TrustStore::from(load_all(row.anchors));
  const auto policy =
      row.strict_policy ? AlgorithmPolicy::dancu_dsig_1() : AlgorithmPolicy::legacy_interop();
  const std::string xml = read_file(kVectors / row.file);
  ASSERT_FALSE(xml.empty()) << row.file;

  auto result = verify_any(xml, trust, policy, row.at, load_all(row.untrusted));
  if (row.expect == Expect::kValid) {
    EXPECT_TRUE(result) << row.file << ": " << result.error().detail;
    return;
  }
  ASSERT_FALSE(result) << row.file << " was accepted";
  EXPECT_EQ(result.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(result.error().detail.rfind(row.detail_prefix, 0), 0u)
      << row.file << ": got \"" << result.error().detail << "\", expected it to start with \""
      << row.detail_prefix << "\"";
}

const std::vector<std::string> kAlekseyUntrusted = {"keys/largersacert.pem", "keys/ca2cert.pem"};
const std::time_t kPhaosTime = utc(2009, 1, 1, 10, 0, 0);

INSTANTIATE_TEST_SUITE_P(
    Manifest, XmlDsigVectors,
    ::testing::Values(
        Row{"EnvelopingSha256Trusted",
            "aleksey-xmldsig-01/enveloping-sha256-rsa-sha256.xml",
            {"keys/cacert.pem"},
            {},
            std::nullopt,
            false,
            Expect::kValid,
            ""},
        Row{"EnvelopingSha256NoAnchor",
            "aleksey-xmldsig-01/enveloping-sha256-rsa-sha256.xml",
            {},
            {},
            std::nullopt,
            false,
            Expect::kUntrusted,
            "signer certificate not trusted: "},
        Row{"EnvelopingSha256Strict",
            "aleksey-xmldsig-01/enveloping-sha256-rsa-sha256.xml",
            {"keys/cacert.pem"},
            {},
            std::nullopt,
            true,
            Expect::kAlgorithm,
            "algorithm not allowed by policy: http://www.w3.org/TR/2001/REC-xml-c14n-20010315"},
        Row{"EnvelopedIssuerSerial",
            "aleksey-xmldsig-01/enveloped-x509-issuerserial.xml",
            {"keys/cacert.pem"},
            kAlekseyUntrusted,
            std::nullopt,
            false,
            Expect::kValid,
            ""},
        Row{"EnvelopedSki",
            "aleksey-xmldsig-01/enveloped-x509-ski.xml",
            {"keys/cacert.pem"},
            kAlekseyUntrusted,
            std::nullopt,
            false,
            Expect::kValid,
            ""},
        Row{"EnvelopedSubjectName",
            "aleksey-xmldsig-01/enveloped-x509-subjectname.xml",
            {"keys/cacert.pem"},
            kAlekseyUntrusted,
            std::nullopt,
            false,
            Expect::kValid,
            ""},
        Row{"ExpiredCertAtSigningTime",
            "aleksey-xmldsig-01/enveloping-expired-cert.xml",
            {"keys/cacert.pem"},
            {},
            utc(2014, 5, 24),
            false,
            Expect::kValid,
            ""},
        Row{"ExpiredCertNow",
            "aleksey-xmldsig-01/enveloping-expired-cert.xml",
            {"keys/cacert.pem"},
            {},
            std::nullopt,
            false,
            Expect::kExpired,
            "signer certificate expired"},
        Row{"RevokedByCrl",
            "merlin-xmldsig-twenty-three/signature-x509-crt-crl.xml",
            {"merlin-xmldsig-twenty-three/certs/ca.pem"},
            {},
            std::nullopt,
            false,
            Expect::kRevoked,
            "signer certificate revoked"},
        Row{"PhaosRsaSha1Legacy",
            "phaos-xmldsig-three/signature-rsa-enveloped.xml",
            {"phaos-xmldsig-three/certs/rsa-ca-cert.der"},
            {},
            kPhaosTime,
            false,
            Expect::kValid,
            ""},
        Row{"PhaosRsaSha1Strict",
            "phaos-xmldsig-three/signature-rsa-enveloped.xml",
            {"phaos-xmldsig-three/certs/rsa-ca-cert.der"},
            {},
            kPhaosTime,
            true,
            Expect::kAlgorithm,
            "algorithm not allowed by policy: http://www.w3.org/2000/09/xmldsig#rsa-sha1"},
        // Its second Reference has no DigestValue; xmlsec1 refuses it for exactly that
        // ("invalid node: expected=DigestValue"), and so does the hub, before any crypto.
        Row{"PhaosBadSignature",
            "phaos-xmldsig-three/signature-rsa-enveloped-bad-sig.xml",
            {"phaos-xmldsig-three/certs/rsa-ca-cert.der"},
            {},
            kPhaosTime,
            false,
            Expect::kBadSignature,
            "signature malformed: Reference without DigestValue"},
        Row{"PhaosBadDigest",
            "phaos-xmldsig-three/signature-rsa-enveloped-bad-digest-val.xml",
            {"phaos-xmldsig-three/certs/rsa-ca-cert.der"},
            {},
            kPhaosTime,
            false,
            Expect::kBadSignature,
            "reference digest does not match"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace lienthong::security
