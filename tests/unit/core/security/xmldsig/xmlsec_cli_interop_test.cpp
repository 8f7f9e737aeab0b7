// Interop with Debian's xmlsec1 command line (1.2.37): it accepts what the hub signs, and the
// hub accepts what it signs from a dancu-dsig-1 template.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/security/xmldsig/xmldsig.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/xmldsig/soap_samples.hpp"

namespace lienthong::security {
namespace {

namespace fs = std::filesystem;
using namespace testing;

// xmlsec1 registers ids only for the attributes it is told about; the Body is namespaced.
const std::string kIdAttr = "--id-attr:Id http://schemas.xmlsoap.org/soap/envelope/:Body";

// A dancu-dsig-1 template: empty DigestValue and SignatureValue, one empty X509Certificate.
std::string dsig_template(const std::string& digest_uri) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#resp-1"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm=")" +
         digest_uri +
         R"("/><ds:DigestValue></ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue></ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature></soap:Header><soap:Body Id="resp-1"><CongdanCollection xmlns="urn:dancu:congdan:1.0"><CongDan><SoDinhDanh>001099012345</SoDinhDanh><HoVaTen><Ho>Nguyễn</Ho></HoVaTen></CongDan></CongdanCollection></soap:Body></soap:Envelope>)";
}

class XmlsecCliInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v xmlsec1 >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "xmlsec1 not installed (apt-get install -y xmlsec1)";
    }
    dir_ = fresh_temp_dir("xmlsec1");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Exit status of `xmlsec1 --verify` on `xml`.
  int cli_verify(const std::string& xml, const std::string& extra = "") {
    write_file(dir_ / "in.xml", xml);
    const std::string cmd = "xmlsec1 --verify --enabled-reference-uris same-doc --trusted-pem '" +
                            pki_file("root-ca.pem").string() + "' " + extra + " " + kIdAttr + " '" +
                            (dir_ / "in.xml").string() + "' >'" + (dir_ / "verify.log").string() +
                            "' 2>&1";
    return std::system(cmd.c_str());
  }

  // `xmlsec1 --sign` of a template with a key and certificates of the dev PKI.
  std::string cli_sign(const std::string& tmpl, const std::string& name) {
    write_file(dir_ / "tmpl.xml", tmpl);
    const std::string cmd =
        "xmlsec1 --sign --privkey-pem '" + pki_file(name + "-key.pem").string() + "," +
        pki_file(name + ".pem").string() + "," + pki_file("intermediate-ca.pem").string() + "' " +
        kIdAttr + " --output '" + (dir_ / "out.xml").string() + "' '" +
        (dir_ / "tmpl.xml").string() + "' >/dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return read_file(dir_ / "out.xml");
  }

  fs::path dir_;
};

TEST_F(XmlsecCliInterop, Xmlsec1AcceptsWhatTheHubSigns) {
  auto signed_xml = sign_soap(kLookupEnvelope, identity("hub-signing"));
  ASSERT_TRUE(signed_xml) << signed_xml.error().detail;
  EXPECT_EQ(cli_verify(*signed_xml), 0) << read_file(dir_ / "verify.log");
  // The intermediate travels in KeyInfo, and may also be given separately.
  EXPECT_EQ(
      cli_verify(*signed_xml, "--untrusted-pem '" + pki_file("intermediate-ca.pem").string() + "'"),
      0)
      << read_file(dir_ / "verify.log");
  // The check can fail: a tampered Body is refused by xmlsec1 too.
  EXPECT_NE(cli_verify(replace_once(*signed_xml, "001099012345", "001099099999")), 0);
}

TEST_F(XmlsecCliInterop, TheHubAcceptsWhatXmlsec1Signs) {
  const std::string out =
      cli_sign(dsig_template("http://www.w3.org/2001/04/xmlenc#sha256"), "sandbox-dancu");
  ASSERT_FALSE(out.empty());
  auto verified = verify_soap(out, dev_trust());
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_EQ(verified->body_xml,
            "<soap:Body xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" Id=\"resp-1\">"
            "<CongdanCollection xmlns=\"urn:dancu:congdan:1.0\"><CongDan>"
            "<SoDinhDanh>001099012345</SoDinhDanh><HoVaTen><Ho>Nguyễn</Ho></HoVaTen></CongDan>"
            "</CongdanCollection></soap:Body>");
  EXPECT_NE(verified->signer.subject.find("CN=sandbox-dancu"), std::string::npos);
  EXPECT_EQ(verify_soap(replace_once(out, "Nguyễn", "Trần"), dev_trust()).error().detail,
            "digest of the signed Body does not match");
}

TEST_F(XmlsecCliInterop, AGenuineSha1SignatureIsRefusedOnlyByPolicy) {
  const std::string out =
      cli_sign(dsig_template("http://www.w3.org/2000/09/xmldsig#sha1"), "sandbox-dancu");
  ASSERT_FALSE(out.empty());
  auto strict = verify_soap(out, dev_trust());
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().detail,
            "algorithm not allowed by policy: http://www.w3.org/2000/09/xmldsig#sha1");
  AlgorithmPolicy lenient;
  lenient.allow_sha1 = true;
  auto accepted = verify_soap(out, dev_trust(), lenient);
  EXPECT_TRUE(accepted) << accepted.error().detail;
}

TEST_F(XmlsecCliInterop, PlainXmlsec1FallsForWrappingTheHubDoesNot) {
  auto signed_xml = sign_soap(kLookupEnvelope, identity("hub-signing"));
  ASSERT_TRUE(signed_xml);
  const std::string body = slice(*signed_xml, "<soap:Body", "</soap:Body>");
  std::string wrapped = replace_once(
      *signed_xml, body,
      "<soap:Body><cd:TraCuuThongTinCongDan><cd:SoDinhDanh>079199000001</cd:SoDinhDanh>"
      "</cd:TraCuuThongTinCongDan></soap:Body>");
  wrapped = replace_once(wrapped, "</soap:Header>",
                         "<W xmlns=\"urn:evil\">" + body + "</W></soap:Header>");
  EXPECT_EQ(cli_verify(wrapped), 0) << "xmlsec1 checks only the cryptography";
  auto hub = verify_soap(wrapped, dev_trust());
  ASSERT_FALSE(hub);
  EXPECT_EQ(hub.error().detail, "signed element is not the Envelope's only Body");
}

}  // namespace
}  // namespace lienthong::security
