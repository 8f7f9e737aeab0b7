// verify_any() beyond the manifest rows: tampered vectors, URIs, and the hub's own messages.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/security/certificates/certificates.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/xmldsig/soap_samples.hpp"

namespace lienthong::security {
namespace {

namespace fs = std::filesystem;
using namespace testing;

const fs::path kVectors = fs::path(LT_SHARED_DIR) / "testdata/xmldsig";
constexpr const char* kEnveloping = "aleksey-xmldsig-01/enveloping-sha256-rsa-sha256.xml";

class VerifyAny : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kVectors / "MANIFEST.md")) GTEST_SKIP() << "../shared/testdata not present";
    auto anchors = load_certificates(kVectors / "keys/cacert.pem");
    ASSERT_TRUE(anchors);
    trust_ = TrustStore::from(std::move(*anchors));
    xml_ = read_file(kVectors / kEnveloping);
  }
  std::string refusal(const std::string& xml) {
    auto r = verify_any(xml, trust_, AlgorithmPolicy::legacy_interop());
    return r ? std::string("(accepted)") : r.error().detail;
  }
  TrustStore trust_;
  std::string xml_;
};

TEST_F(VerifyAny, TellsADigestFailureFromASignatureFailure) {
  ASSERT_EQ(refusal(xml_), "(accepted)");
  const std::string object = slice(xml_, "<Object", "</Object>");
  ASSERT_FALSE(object.empty());
  EXPECT_EQ(refusal(replace_once(xml_, object, replace_once(object, "</Object>", " </Object>"))),
            "reference digest does not match");
  const std::string marker = "<SignatureValue>";
  std::string bad_sig = xml_;
  const auto at = bad_sig.find(marker) + marker.size();
  bad_sig[at] = bad_sig[at] == 'A' ? 'B' : 'A';
  EXPECT_EQ(refusal(bad_sig), "signature value does not verify");
}

TEST_F(VerifyAny, OnlySameDocumentReferences) {
  EXPECT_EQ(refusal(replace_once(xml_, "URI=\"#object\"", "URI=\"file:///etc/passwd\"")),
            "reference URI not allowed: file:///etc/passwd");
  EXPECT_EQ(refusal(replace_once(xml_, "URI=\"#object\"", "URI=\"#xpointer(/)\"")),
            "reference URI not allowed: #xpointer(/)");
  EXPECT_EQ(refusal(replace_once(xml_, "URI=\"#object\"", "URI=\"#missing\"")),
            "reference target not found");
  EXPECT_EQ(refusal(replace_once(xml_, "</Signature>", "<Object Id=\"object\"/></Signature>")),
            "duplicate Id attribute");
}

TEST_F(VerifyAny, RefusesDocumentsWithoutExactlyOneSignature) {
  EXPECT_EQ(refusal("<doc/>"), "signature missing");
  const std::string sig = slice(xml_, "<Signature", "</Signature>");
  EXPECT_EQ(refusal("<doc>" + sig + sig + "</doc>"), "more than one signature");
}

TEST_F(VerifyAny, AcceptsTheHubsOwnSoapMessages) {
  auto signed_xml = sign_soap(kLookupEnvelope, identity("hub-signing"));
  ASSERT_TRUE(signed_xml);
  auto r = verify_any(*signed_xml, dev_trust(), AlgorithmPolicy::dancu_dsig_1());
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_NE(r->subject.find("CN=lienthong-hub-signing"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::security
