#include "core/security/xmldsig/xmlsec_run.hpp"

#include <gtest/gtest.h>
#include <xmlsec/transforms.h>

#include <filesystem>

#include "core/security/certificates/certificates.hpp"
#include "core/security/xml/xml_nodes.hpp"
#include "core/security/xml/xml_parse.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security::detail {
namespace {

namespace fs = std::filesystem;
const fs::path kVectors = fs::path(LT_SHARED_DIR) / "testdata/xmldsig";

// The second line of defence: even if a signature got past the policy check, xmlsec itself is
// restricted to the policy's algorithms and to same-document references.
class XmlsecRun : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kVectors / "MANIFEST.md")) GTEST_SKIP() << "../shared/testdata not present";
    auto doc = parse_untrusted_xml(
        testing::read_file(kVectors / "aleksey-xmldsig-01/enveloping-sha256-rsa-sha256.xml"));
    ASSERT_TRUE(doc) << doc.error();
    doc_ = std::move(*doc);
    auto signer = load_certificates(kVectors / "keys/rsacert.pem");
    ASSERT_TRUE(signer);
    signer_ = std::move(signer->front());
  }
  xmlNode* signature() { return find_elements(doc_.get(), kDsigNs, "Signature").front(); }

  XmlDocPtr doc_;
  X509Ptr signer_;
};

TEST_F(XmlsecRun, ReturnsTheDigestedOctets) {
  auto r = xmlsec_verify(signature(), X509_get0_pubkey(signer_.get()),
                         AlgorithmPolicy::legacy_interop(), xmlSecTransformUriTypeSameDocument);
  ASSERT_TRUE(r) << r.error().detail;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(
      r->front().rfind("<Object xmlns=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"object\">", 0),
      0u)
      << r->front();
}

TEST_F(XmlsecRun, XmlsecRefusesAlgorithmsOutsideThePolicy) {
  // This vector canonicalises SignedInfo with inclusive C14N, which dancu-dsig-1 does not allow.
  auto r = xmlsec_verify(signature(), X509_get0_pubkey(signer_.get()),
                         AlgorithmPolicy::dancu_dsig_1(), xmlSecTransformUriTypeSameDocument);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, CryptoFailureKind::kProcessing);
  EXPECT_NE(r.error().detail.find("transform is disabled"), std::string::npos) << r.error().detail;
}

TEST_F(XmlsecRun, XmlsecRefusesUriTypesNotEnabled) {
  auto r = xmlsec_verify(signature(), X509_get0_pubkey(signer_.get()),
                         AlgorithmPolicy::legacy_interop(), xmlSecTransformUriTypeEmpty);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, CryptoFailureKind::kProcessing);
  EXPECT_NE(r.error().detail.find("invalid URI type"), std::string::npos) << r.error().detail;
}

TEST_F(XmlsecRun, TheWrongKeyIsASignatureFailure) {
  auto other = load_certificates(kVectors / "keys/largersacert.pem");
  ASSERT_TRUE(other);
  auto r = xmlsec_verify(signature(), X509_get0_pubkey(other->front().get()),
                         AlgorithmPolicy::legacy_interop(), xmlSecTransformUriTypeSameDocument);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, CryptoFailureKind::kSignatureValue);
}

}  // namespace
}  // namespace lienthong::security::detail
