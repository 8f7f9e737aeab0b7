// XAdES-BES enveloped signatures made in two halves (prepare, then embed the CA's signature
// value), checked by an outsider: Debian's xmlsec1 command line (skipped when not installed).
#include "core/security/signing/xades_signature.hpp"

#include <gtest/gtest.h>
#include <openssl/rand.h>

#include <filesystem>
#include <utility>

#include "core/security/signing/xades_c14n.hpp"
#include "core/security/xml/xml_nodes.hpp"
#include "core/security/xml/xml_parse.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/signing/signing_test_support.hpp"

namespace lienthong::security::signing {
namespace {

namespace fs = std::filesystem;
using namespace security::testing;
using namespace test_support;
using Clock = std::chrono::system_clock;

// xmlsec1 registers ids only for the attributes it is told about, and on its own for every `Id`
// inside the ds:Signature it verifies (xmlSecDSigIds), which is where SignedProperties is: the
// option is not needed, but a verifier may pass it (the namespace ends with '#'; xmlsec1 splits
// at the last ':'), and both ways must work.
const std::string kIdAttr = "--id-attr:Id 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties'";

const std::string kPlain =
    "<HoSo><MaHoSo>000.00.01.H01-240501-0001</MaHoSo><TrangThai>moi</TrangThai></HoSo>";
const std::string kNamespaces =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<hs:HoSo xmlns:hs="urn:lienthong:hoso:1.0" xmlns="urn:lienthong:default" )"
    R"(xmlns:unused="urn:unused"><ThongTin xmlns:a="urn:a" a:loai="1" b="2">)"
    R"(<hs:Ma>H01</hs:Ma><Ten>hồ sơ</Ten></ThongTin><ds:Signature )"
    R"(xmlns:ds="urn:not-xmldsig">not a signature</ds:Signature></hs:HoSo>)";
const std::string kCommentsAndWhitespace =
    "<?xml version=\"1.0\"?>\n<!-- before the root -->\n<?app keep?>\n<root>\n"
    "  <!-- inside -->\n  <a   b = \"1\"  c='x &amp; y'>text &lt; more</a>\n\t<empty/>\r\n"
    "  <![CDATA[raw <text>]]>\n</root>\n<!-- after the root -->\n";
const std::string kVietnamese =
    "<VanBan><TrichYeu>Về việc cấp giấy chứng nhận quyền sử dụng đất</TrichYeu>"
    "<NguoiKy>Nguyễn Văn Án</NguoiKy><CoQuan>Ủy ban nhân dân tỉnh Đồng Tháp</CoQuan></VanBan>";

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

class Xades : public ::testing::Test {
 protected:
  void SetUp() override {
    signer_ = std::make_unique<SigningIdentity>(identity("hub-signing"));
    fields_.signing_time = Clock::from_time_t(utc(2024, 5, 1, 8, 30, 15));
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  X509* cert() const { return signer_->certificate(); }
  const Certificates& chain() const { return signer_->chain(); }

  // Both halves, with the dev PKI's hub-signing key playing the CA.
  std::string sign(const std::string& xml) {
    auto prepared = prepare_xades(xml, cert(), chain(), fields_);
    EXPECT_TRUE(prepared) << prepared.error().detail;
    if (!prepared) return {};
    EXPECT_EQ(prepared->digest_to_sign.size(), 32u);
    const std::string value = play_ca(signer_->key(), prepared->digest_to_sign);
    auto signed_xml = embed_xades(xml, cert(), chain(), fields_, value, prepared->digest_to_sign);
    EXPECT_TRUE(signed_xml) << signed_xml.error().detail;
    return signed_xml ? *signed_xml : std::string();
  }

  // Exit status of `xmlsec1 --verify` on `xml`; its output is kept in log_.
  int xmlsec1_verify(const std::string& xml, bool id_attr = true) {
    if (dir_.empty()) dir_ = fresh_temp_dir("xades");
    write_file(dir_ / "signed.xml", xml);
    const std::string cmd = "xmlsec1 --verify --trusted-pem '" + pki_file("root-ca.pem").string() +
                            "' --untrusted-pem '" + pki_file("intermediate-ca.pem").string() +
                            "' " + (id_attr ? kIdAttr : std::string()) + " '" +
                            (dir_ / "signed.xml").string() + "'";
    Ran r = run(cmd);
    log_ = std::move(r.output);
    return r.status;
  }

  std::unique_ptr<SigningIdentity> signer_;
  XadesFields fields_;
  fs::path dir_;
  std::string log_;
};

// The document as signed and the signed output without its ds:Signature are the same under
// exclusive C14N: the enveloped signature changed nothing else.
void expect_content_unchanged(const std::string& original, const std::string& signed_xml) {
  auto before = parse_untrusted_xml(original);
  auto after = parse_untrusted_xml(signed_xml);
  ASSERT_TRUE(before && after);
  xmlNode* root = xmlDocGetRootElement(after->get());
  const auto children = security::detail::child_elements(root);
  ASSERT_FALSE(children.empty());
  xmlNode* sig = children.back();
  ASSERT_TRUE(security::detail::is_element(sig, security::detail::kDsigNs, "Signature"));
  EXPECT_EQ(sig->next, nullptr) << "the signature is the document element's last child";
  EXPECT_EQ(detail::exclusive_c14n(after->get(), nullptr, sig),
            detail::exclusive_c14n(before->get(), nullptr));
}

TEST_F(Xades, Xmlsec1VerifiesEveryKindOfDocument) {
  if (!have("xmlsec1")) GTEST_SKIP() << "xmlsec1 not installed (apt-get install -y xmlsec1)";
  for (const std::string* xml : {&kPlain, &kNamespaces, &kCommentsAndWhitespace, &kVietnamese}) {
    SCOPED_TRACE(*xml);
    const std::string signed_xml = sign(*xml);
    ASSERT_FALSE(signed_xml.empty());
    EXPECT_EQ(xmlsec1_verify(signed_xml), 0) << log_ << signed_xml;
    EXPECT_NE(log_.find("SignedInfo References (ok/all): 2/2"), std::string::npos) << log_;
    EXPECT_EQ(xmlsec1_verify(signed_xml, /*id_attr=*/false), 0) << log_;
    expect_content_unchanged(*xml, signed_xml);
  }
}

TEST_F(Xades, Xmlsec1RefusesAChangedByte) {
  if (!have("xmlsec1")) GTEST_SKIP() << "xmlsec1 not installed (apt-get install -y xmlsec1)";
  const std::string signed_xml = sign(kVietnamese);
  ASSERT_EQ(xmlsec1_verify(signed_xml), 0) << log_;
  // The document, a signed property, SignedInfo: each is covered.
  EXPECT_NE(xmlsec1_verify(replace_once(signed_xml, "Nguyễn Văn Án", "Nguyễn Văn Ân")), 0);
  EXPECT_NE(
      xmlsec1_verify(replace_once(signed_xml, "2024-05-01T08:30:15Z", "2024-05-01T08:30:16Z")), 0);
  EXPECT_NE(xmlsec1_verify(replace_once(signed_xml, "text/xml", "text/plain")), 0);
  // A byte of SignedInfo itself (the document reference's DigestValue).
  std::string tampered = signed_xml;
  auto at = tampered.find("<ds:DigestValue>");
  ASSERT_NE(at, std::string::npos);
  at += std::string("<ds:DigestValue>").size();
  tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
  EXPECT_NE(xmlsec1_verify(tampered), 0);
  // The outsider's harness can say yes and no: the untampered document still passes.
  EXPECT_EQ(xmlsec1_verify(signed_xml), 0) << log_;
}

TEST_F(Xades, Xmlsec1RefusesAWrongSignatureValue) {
  if (!have("xmlsec1")) GTEST_SKIP() << "xmlsec1 not installed (apt-get install -y xmlsec1)";
  auto prepared = prepare_xades(kPlain, cert(), chain(), fields_);
  ASSERT_TRUE(prepared);
  // Right length, wrong bytes: the module takes it (checking values is the caller's job) and
  // the verifier refuses it.
  std::string bogus(play_ca(signer_->key(), prepared->digest_to_sign).size(), '\0');
  ASSERT_EQ(
      RAND_bytes(reinterpret_cast<unsigned char*>(bogus.data()), static_cast<int>(bogus.size())),
      1);
  auto embedded = embed_xades(kPlain, cert(), chain(), fields_, bogus);
  ASSERT_TRUE(embedded) << embedded.error().detail;
  EXPECT_NE(xmlsec1_verify(*embedded), 0);
  // A value the CA made for another digest (another signing time) is refused as well.
  XadesFields later = fields_;
  later.signing_time += std::chrono::seconds(1);
  auto other = prepare_xades(kPlain, cert(), chain(), later);
  ASSERT_TRUE(other);
  auto swapped =
      embed_xades(kPlain, cert(), chain(), fields_, play_ca(signer_->key(), other->digest_to_sign));
  ASSERT_TRUE(swapped);
  EXPECT_NE(xmlsec1_verify(*swapped), 0);
}

TEST_F(Xades, TheHubsOwnVerifierAcceptsItWithEnvelopedAllowed) {
  const std::string signed_xml = sign(kNamespaces);
  AlgorithmPolicy policy;
  policy.allow_enveloped_transform = true;
  auto verified = verify_any(signed_xml, dev_trust(), policy);
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_NE(verified->subject.find("CN=lienthong-hub-signing"), std::string::npos);
  EXPECT_FALSE(verify_any(replace_once(signed_xml, "hồ sơ", "hồ sơ giả"), dev_trust(), policy));
}

TEST_F(Xades, PreparingIsDeterministicAndEmbedChecksTheDigest) {
  auto a = prepare_xades(kVietnamese, cert(), chain(), fields_);
  auto b = prepare_xades(kVietnamese, cert(), chain(), fields_);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->digest_to_sign, b->digest_to_sign);
  EXPECT_EQ(a->signature_id, b->signature_id);
  EXPECT_EQ(a->signature_id.rfind("xades-", 0), 0u);

  XadesFields within_the_second = fields_;
  within_the_second.signing_time += std::chrono::milliseconds(300);
  auto c = prepare_xades(kVietnamese, cert(), chain(), within_the_second);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->digest_to_sign, a->digest_to_sign) << "SigningTime has whole seconds";

  XadesFields later = fields_;
  later.signing_time += std::chrono::seconds(1);
  auto d = prepare_xades(kVietnamese, cert(), chain(), later);
  ASSERT_TRUE(d);
  EXPECT_NE(d->digest_to_sign, a->digest_to_sign);
  EXPECT_NE(d->signature_id, a->signature_id);

  const std::string value = play_ca(signer_->key(), a->digest_to_sign);
  auto changed = embed_xades(kPlain, cert(), chain(), fields_, value, a->digest_to_sign);
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().kind, ProblemKind::kInvalid);
  EXPECT_EQ(changed.error().detail,
            "the document, certificates or signing time differ from what was prepared (another "
            "digest)");
  EXPECT_TRUE(embed_xades(kVietnamese, cert(), chain(), fields_, value, a->digest_to_sign));
}

TEST_F(Xades, TheSignatureHasTheXadesShape) {
  const std::string signed_xml = sign(kPlain);
  auto prepared = prepare_xades(kPlain, cert(), chain(), fields_);
  ASSERT_TRUE(prepared);
  const std::string& id = prepared->signature_id;
  for (const std::string& part : {
           "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"" + id + "\">",
           std::string("<ds:CanonicalizationMethod "
                       "Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"),
           std::string("<ds:SignatureMethod "
                       "Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"),
           "<ds:Reference URI=\"\" Id=\"" + id +
               "-ref0\"><ds:Transforms><ds:Transform "
               "Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform "
               "Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
               "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>",
           "<ds:Reference URI=\"#" + id +
               "-signedprops\" Type=\"http://uri.etsi.org/01903#"
               "SignedProperties\">",
           "<ds:SignatureValue Id=\"" + id + "-sigvalue\">",
           std::string("<ds:KeyInfo><ds:X509Data><ds:X509Certificate>"),
           "<ds:Object><xades:QualifyingProperties xmlns:xades=\"http://uri.etsi.org/01903/"
           "v1.3.2#\" Target=\"#" +
               id + "\"><xades:SignedProperties Id=\"" + id +
               "-signedprops\"><xades:SignedSignatureProperties><xades:SigningTime>"
               "2024-05-01T08:30:15Z</xades:SigningTime><xades:SigningCertificateV2><xades:Cert>"
               "<xades:CertDigest><ds:DigestMethod "
               "Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>",
           std::string("</ds:DigestValue></xades:CertDigest><xades:IssuerSerialV2>"),
           "<xades:SignedDataObjectProperties><xades:DataObjectFormat ObjectReference=\"#" + id +
               "-ref0\"><xades:MimeType>text/xml</xades:MimeType></xades:DataObjectFormat>",
       }) {
    EXPECT_NE(signed_xml.find(part), std::string::npos) << part << "\nin\n" << signed_xml;
  }
  // The signer and its intermediate travel in KeyInfo; the root does not.
  std::size_t certs = 0;
  for (auto at = signed_xml.find("<ds:X509Certificate>"); at != std::string::npos;
       at = signed_xml.find("<ds:X509Certificate>", at + 1)) {
    ++certs;
  }
  EXPECT_EQ(certs, 2u);
}

TEST_F(Xades, RefusesWhatItCannotSign) {
  const auto refusal = [&](const std::string& xml) {
    auto r = prepare_xades(xml, cert(), chain(), fields_);
    EXPECT_FALSE(r);
    if (r) return std::string("(accepted)");
    EXPECT_EQ(r.error().kind, ProblemKind::kInvalid);
    return r.error().detail;
  };
  EXPECT_EQ(refusal(""), "XML refused: empty document");
  EXPECT_EQ(refusal("<!DOCTYPE HoSo [<!ENTITY x \"y\">]><HoSo>&x;</HoSo>"),
            "XML refused: DTD not allowed");
  EXPECT_EQ(refusal("<HoSo><MaHoSo>1</HoSo>").rfind("XML refused: not well-formed: ", 0), 0u);
  EXPECT_EQ(refusal("just text"), refusal("just text"));
  EXPECT_EQ(refusal("just text").rfind("XML refused: ", 0), 0u);

  // Signing the signed output again with the same signer and time: its Id is taken.
  const std::string signed_xml = sign(kPlain);
  auto prepared = prepare_xades(kPlain, cert(), chain(), fields_);
  ASSERT_TRUE(prepared);
  EXPECT_EQ(refusal(signed_xml),
            "document already holds a signature with Id " + prepared->signature_id);
  EXPECT_EQ(refusal("<a><b Id=\"" + prepared->signature_id + "-signedprops\"/></a>"),
            "Id already used in the document: " + prepared->signature_id + "-signedprops");
  // Another moment: a second signature is fine.
  XadesFields later = fields_;
  later.signing_time += std::chrono::hours(1);
  EXPECT_TRUE(prepare_xades(signed_xml, cert(), chain(), later));

  auto no_signer = prepare_xades(kPlain, nullptr, chain(), fields_);
  ASSERT_FALSE(no_signer);
  EXPECT_EQ(no_signer.error().detail, "no signer certificate");
}

TEST_F(Xades, EmbedRefusesASignatureValueOfTheWrongSize) {
  auto prepared = prepare_xades(kPlain, cert(), chain(), fields_);
  ASSERT_TRUE(prepared);
  auto empty = embed_xades(kPlain, cert(), chain(), fields_, "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().detail, "signature value is empty");
  auto short_value = embed_xades(kPlain, cert(), chain(), fields_, std::string(255, 'x'));
  ASSERT_FALSE(short_value);
  EXPECT_EQ(short_value.error().kind, ProblemKind::kInvalid);
  EXPECT_EQ(short_value.error().detail,
            "signature value has 255 bytes, the signer's RSA key makes 256");
}

}  // namespace
}  // namespace lienthong::security::signing
