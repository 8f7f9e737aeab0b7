// verify_soap() against tampering, wrong signers and signature wrapping: each refused, with its
// own detail.
#include <gtest/gtest.h>

#include "core/security/certificates/certificates.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/xmldsig/soap_samples.hpp"

namespace lienthong::security {
namespace {

using namespace testing;

class VerifySoapAttacks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto s = sign_soap(kLookupEnvelope, identity("hub-signing"));
    ASSERT_TRUE(s) << s.error().detail;
    signed_ = new std::string(*s);
  }
  static void TearDownTestSuite() {
    delete signed_;
    signed_ = nullptr;
  }

  static const std::string& good() { return *signed_; }
  static std::string body() { return slice(good(), "<soap:Body", "</soap:Body>"); }
  static std::string signature() { return slice(good(), "<ds:Signature", "</ds:Signature>"); }

  // The detail verify_soap refuses `xml` with ("(accepted)" when it does not).
  static std::string refusal(const std::string& xml, const TrustStore& trust,
                             std::optional<std::time_t> at = {},
                             const AlgorithmPolicy& policy = {}) {
    auto r = verify_soap(xml, trust, policy, at);
    if (r) return "(accepted)";
    EXPECT_EQ(r.error().kind, ProblemKind::kUpstreamError) << r.error().detail;
    return r.error().detail;
  }
  static std::string refusal(const std::string& xml) { return refusal(xml, dev_trust()); }

  static std::string signed_by(const SigningIdentity& id) {
    auto s = sign_soap(kLookupEnvelope, id);
    EXPECT_TRUE(s) << s.error().detail;
    return s ? *s : std::string();
  }

  inline static std::string* signed_ = nullptr;
};

const std::string kUnsignedBody =
    "<soap:Body><cd:TraCuuThongTinCongDan><cd:SoDinhDanh>079199000001</cd:SoDinhDanh>"
    "</cd:TraCuuThongTinCongDan></soap:Body>";

TEST_F(VerifySoapAttacks, TheUntouchedMessageIsAccepted) {
  EXPECT_EQ(refusal(good()), "(accepted)");
}

TEST_F(VerifySoapAttacks, TamperedBodyText) {
  EXPECT_EQ(refusal(replace_once(good(), "001099012345", "001099099999")),
            "digest of the signed Body does not match");
}

TEST_F(VerifySoapAttacks, TamperedSignatureValue) {
  const std::string marker = "<ds:SignatureValue>";
  std::string xml = good();
  const auto at = xml.find(marker) + marker.size();
  xml[at] = xml[at] == 'A' ? 'B' : 'A';
  EXPECT_EQ(refusal(xml), "signature value does not verify");
}

TEST_F(VerifySoapAttacks, UnsignedMessage) {
  EXPECT_EQ(refusal(kLookupEnvelope), "signature missing");
}

TEST_F(VerifySoapAttacks, SignerNotChainedToTheTrustAnchor) {
  EXPECT_EQ(refusal(signed_by(self_signed(2048, "mallory"))),
            "signer certificate not trusted: self-signed certificate");
}

TEST_F(VerifySoapAttacks, CertificateSwappedForAnotherTrustedOne) {
  const std::string theirs = der_base64(load_cert(pki_file("sandbox-dancu.pem")).get());
  const std::string ours = der_base64(load_cert(pki_file("hub-signing.pem")).get());
  EXPECT_EQ(refusal(replace_once(good(), ours, theirs)), "signature value does not verify");
}

TEST_F(VerifySoapAttacks, ExpiredSigner) {
  const std::string xml = signed_by(identity("expired"));
  EXPECT_EQ(refusal(xml), "signer certificate expired");
  EXPECT_EQ(refusal(xml, dev_trust(), utc(2020, 6, 1)), "(accepted)")
      << "the same message, verified at a time the certificate was valid";
}

TEST_F(VerifySoapAttacks, VerificationTimeOutsideTheSignerValidity) {
  EXPECT_EQ(refusal(good(), dev_trust(), utc(2040, 1, 1)), "signer certificate expired");
  EXPECT_EQ(refusal(good(), dev_trust(), utc(2019, 12, 15)), "signer certificate not yet valid");
}

TEST_F(VerifySoapAttacks, SignerRevokedByCrl) {
  auto trust = TrustStore::load({pki_file("root-ca.pem")}, {}, {pki_file("crl.pem")});
  ASSERT_TRUE(trust) << trust.error().to_string();
  EXPECT_EQ(refusal(signed_by(identity("revoked")), *trust), "signer certificate revoked");
  EXPECT_EQ(refusal(good(), *trust), "(accepted)");
}

TEST_F(VerifySoapAttacks, SignerRevokedByTheRevocationHook) {
  auto trust = dev_trust();
  const std::string revoked_fp = sha256_fingerprint(load_cert(pki_file("hub-signing.pem")).get());
  trust.set_revocation_check([&](X509* cert, X509*) -> Result<void, RevocationFailure> {
    if (sha256_fingerprint(cert) == revoked_fp) return RevocationFailure{true, "keyCompromise"};
    return {};
  });
  EXPECT_EQ(refusal(good(), trust), "signer certificate revoked: keyCompromise");
  EXPECT_EQ(refusal(signed_by(identity("sandbox-dancu")), trust), "(accepted)");
}

TEST_F(VerifySoapAttacks, WrappingSignedBodyMovedIntoTheHeader) {
  std::string xml = replace_once(good(), body(), kUnsignedBody);
  xml =
      replace_once(xml, "</soap:Header>", "<W xmlns=\"urn:evil\">" + body() + "</W></soap:Header>");
  EXPECT_EQ(refusal(xml), "signed element is not the Envelope's only Body");
}

TEST_F(VerifySoapAttacks, WrappingSignedBodyMovedIntoAnObject) {
  std::string xml = replace_once(good(), body(), kUnsignedBody);
  xml =
      replace_once(xml, "</ds:Signature>", "<ds:Object>" + body() + "</ds:Object></ds:Signature>");
  EXPECT_EQ(refusal(xml), "signed element is not the Envelope's only Body");
}

TEST_F(VerifySoapAttacks, SecondBodyElsewhere) {
  EXPECT_EQ(refusal(replace_once(good(), "</soap:Header>", kUnsignedBody + "</soap:Header>")),
            "signed element is not the Envelope's only Body");
  EXPECT_EQ(refusal(replace_once(good(), "</soap:Envelope>", kUnsignedBody + "</soap:Envelope>")),
            "signed element is not the Envelope's only Body");
}

TEST_F(VerifySoapAttacks, DuplicateIds) {
  EXPECT_EQ(refusal(replace_once(good(), "</soap:Header>", "<x Id=\"Body\"/></soap:Header>")),
            "duplicate Id attribute");
  EXPECT_EQ(refusal(replace_once(
                good(), "</soap:Header>",
                "<x xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/"
                "oasis-200401-wss-wssecurity-utility-1.0.xsd\" wsu:Id=\"Body\"/></soap:Header>")),
            "duplicate Id attribute");
  // The wrapping variant where the unsigned Body takes the signed one's Id.
  std::string xml = replace_once(
      good(), body(), replace_once(kUnsignedBody, "<soap:Body>", "<soap:Body Id=\"Body\">"));
  xml =
      replace_once(xml, "</soap:Header>", "<W xmlns=\"urn:evil\">" + body() + "</W></soap:Header>");
  EXPECT_EQ(refusal(xml), "duplicate Id attribute");
}

TEST_F(VerifySoapAttacks, ReferenceToSomethingOtherThanTheBody) {
  std::string xml = replace_once(good(), "URI=\"#Body\"", "URI=\"#hdr\"");
  xml = replace_once(xml, "</soap:Header>", "<x Id=\"hdr\"/></soap:Header>");
  EXPECT_EQ(refusal(xml), "reference must point to the soap:Body");
  EXPECT_EQ(refusal(replace_once(good(), "URI=\"#Body\"", "URI=\"#nowhere\"")),
            "reference target not found");
}

TEST_F(VerifySoapAttacks, EmptyExternalOrXPointerReference) {
  for (const std::string uri :
       {"URI=\"\"", "URI=\"http://127.0.0.1:1/body.xml\"", "URI=\"file:///etc/passwd\"",
        "URI=\"#xpointer(/)\"", "URI=\"#xpointer(id('Body'))\"", "Id=\"no-uri\""}) {
    EXPECT_EQ(refusal(replace_once(good(), "URI=\"#Body\"", uri)),
              "reference must point to the soap:Body")
        << uri;
  }
}

TEST_F(VerifySoapAttacks, TwoSignatures) {
  EXPECT_EQ(refusal(replace_once(good(), "</soap:Header>", signature() + "</soap:Header>")),
            "more than one signature");
}

TEST_F(VerifySoapAttacks, SignatureOutsideTheHeader) {
  std::string xml = replace_once(good(), signature(), "");
  xml = replace_once(xml, "</soap:Envelope>", signature() + "</soap:Envelope>");
  EXPECT_EQ(refusal(xml), "signature must be in the soap:Header");
}

TEST_F(VerifySoapAttacks, WeakAlgorithms) {
  EXPECT_EQ(
      refusal(replace_once(good(), std::string(algorithm::kSha256), std::string(algorithm::kSha1))),
      "algorithm not allowed by policy: http://www.w3.org/2000/09/xmldsig#sha1");
  EXPECT_EQ(refusal(replace_once(good(), std::string(algorithm::kRsaSha256),
                                 std::string(algorithm::kRsaSha1))),
            "algorithm not allowed by policy: http://www.w3.org/2000/09/xmldsig#rsa-sha1");
}

TEST_F(VerifySoapAttacks, TransformsOtherThanTheProfile) {
  const std::string exc = "<ds:Transform Algorithm=\"" + std::string(algorithm::kExcC14n) + "\"/>";
  const std::string env =
      "<ds:Transform Algorithm=\"" + std::string(algorithm::kEnveloped) + "\"/>";
  EXPECT_EQ(refusal(replace_once(good(), exc, env)),
            "reference transforms must be exactly exclusive C14N");
  EXPECT_EQ(refusal(replace_once(good(), exc, env + exc)),
            "reference transforms must be exactly exclusive C14N");
  EXPECT_EQ(
      refusal(replace_once(
          good(), "<ds:CanonicalizationMethod Algorithm=\"" + std::string(algorithm::kExcC14n),
          "<ds:CanonicalizationMethod Algorithm=\"" + std::string(algorithm::kC14n10))),
      "canonicalization must be exclusive C14N");
}

TEST_F(VerifySoapAttacks, MissingOrBrokenSignerCertificate) {
  EXPECT_EQ(refusal(replace_once(good(), slice(good(), "<ds:KeyInfo>", "</ds:KeyInfo>"), "")),
            "signer certificate missing");
  const std::string ours = der_base64(load_cert(pki_file("hub-signing.pem")).get());
  EXPECT_EQ(refusal(replace_once(good(), ours, "bm90IGEgY2VydGlmaWNhdGU=")),
            "signer certificate malformed");
}

TEST_F(VerifySoapAttacks, CertificateNotMeantForSigning) {
  auto root = SigningIdentity::load_pem(pki_file("root-ca-key.pem"), pki_file("root-ca.pem"));
  ASSERT_TRUE(root) << root.error().to_string();
  EXPECT_EQ(refusal(signed_by(*root)),
            "signer certificate not allowed to sign: key usage has neither digitalSignature nor "
            "nonRepudiation");
}

TEST_F(VerifySoapAttacks, KeyTooSmall) {
  auto small = self_signed(1024, "small");
  Certificates anchors;
  anchors.push_back(share(small.certificate()));
  const auto trust = TrustStore::from(std::move(anchors));
  EXPECT_EQ(refusal(signed_by(small), trust),
            "signer key too small: 1024 bits (policy minimum 2048)");
}

TEST_F(VerifySoapAttacks, NotASoap11Envelope) {
  EXPECT_EQ(refusal(replace_once(good(), "http://schemas.xmlsoap.org/soap/envelope/",
                                 "http://www.w3.org/2003/05/soap-envelope")),
            "not a SOAP 1.1 Envelope");
  EXPECT_EQ(refusal("<x/>"), "not a SOAP 1.1 Envelope");
  EXPECT_EQ(refusal("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"), "XML refused: DTD not allowed");
}

TEST_F(VerifySoapAttacks, CommentsCannotSplitSignedText) {
  // Exclusive C14N without comments ignores comments, so this still verifies; what matters is
  // that the caller gets the canonical Body, where the ID number is one piece of text again.
  auto r = verify_soap(replace_once(good(), "001099012345", "0010<!-- x -->99012345"), dev_trust());
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_NE(r->body_xml.find("<cd:SoDinhDanh>001099012345</cd:SoDinhDanh>"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::security
