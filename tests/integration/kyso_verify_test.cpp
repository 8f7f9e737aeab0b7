// verify-document (issue 11, point 5): the hub's verdict per signature equals what pdfsig,
// xmlsec1 and openssl cms say — on what the hub signed and on what those tools signed.
#include "kyso_fixture.hpp"

namespace lienthong::testing {
namespace {

using security::testing::pki_file;

class KysoVerifyTest : public KysoTest {
 protected:
  Json verify(const std::string& type, std::string_view bytes,
              std::optional<std::string> content = {}) {
    Json r{{"document", {{"contentType", type}, {"contentBase64", base64_encode(bytes)}}}};
    if (content) r["content"] = {{"contentBase64", base64_encode(*content)}};
    const auto res = post_json("/v1/kyso/verify-document", r);
    EXPECT_EQ(res.result_int(), 200) << res.body().substr(0, 500);
    return body_json(res);
  }
  std::string signed_by_hub(const Json& request) {
    const auto done = finished(sign(request));
    EXPECT_EQ(done.value("state", ""), "delivered") << done.dump();
    return signed_file(done);
  }
};

TEST_F(KysoVerifyTest, APdfTheHubSignedIsValidAndTamperingIsSeenAsPdfsigSeesIt) {
  const auto pdf = signed_by_hub(sign_request(kApproves, "a.pdf", "application/pdf", sample_pdf()));
  const auto good = verify("application/pdf", pdf);
  ASSERT_EQ(good["signatures"].size(), 1u) << good.dump();
  const auto& s = good["signatures"][0];
  EXPECT_TRUE(good.value("valid", false)) << good.dump();
  EXPECT_EQ(s.value("format", ""), "pades");
  EXPECT_TRUE(s.value("intact", false));
  EXPECT_TRUE(s.value("coversWholeDocument", false));
  EXPECT_TRUE(s.value("chainTrusted", false));
  EXPECT_EQ(s.value("ocsp", ""), "good");
  EXPECT_NE(s.value("signer", "").find("CN=Nguyen Van An"), std::string::npos);
  EXPECT_TRUE(s["timestampTime"].is_string()) << s.dump();

  auto inside = pdf;
  inside[inside.find("Quyet dinh")] = 'X';
  const auto changed = verify("application/pdf", inside);
  EXPECT_FALSE(changed.value("valid", true));
  EXPECT_FALSE(changed["signatures"][0].value("intact", true)) << changed.dump();
  const auto appended = verify("application/pdf", pdf + "\n");
  EXPECT_FALSE(appended.value("valid", true));
  EXPECT_FALSE(appended["signatures"][0].value("coversWholeDocument", true)) << appended.dump();
  // pdfsig agrees on both.
  const auto file = temp("verify.pdf");
  write_file(file, inside);
  EXPECT_EQ(run_command("pdfsig " + file.string() + " 2>&1").find("Signature is Valid."),
            std::string::npos);
  write_file(file, pdf + "\n");
  EXPECT_NE(run_command("pdfsig " + file.string() + " 2>&1").find("Not total document signed"),
            std::string::npos);
  std::filesystem::remove(file);

  const auto unsigned_pdf = verify("application/pdf", sample_pdf());
  EXPECT_TRUE(unsigned_pdf["signatures"].empty());
  EXPECT_FALSE(unsigned_pdf.value("valid", true));
}

TEST_F(KysoVerifyTest, CmsSignedByOpensslIsJudgedAsOpensslJudgesIt) {
  const std::string content = "Biên bản số 12\n";
  const auto data = temp("content.txt");
  const auto sig = temp("content.p7s");
  write_file(data, content);
  const auto sign_with = [&](const std::string& who) {
    run_command("openssl cms -sign -binary -in " + data.string() + " -signer " +
                pki_file(who + ".pem").string() + " -inkey " + pki_file(who + "-key.pem").string() +
                " -certfile " + pki_file("intermediate-ca.pem").string() + " -outform DER -out " +
                sig.string() + " 2>&1");
    return read_file(sig);
  };
  const auto good = verify("application/pkcs7-signature", sign_with("hub-signing"), content);
  EXPECT_TRUE(good.value("valid", false)) << good.dump();
  EXPECT_EQ(good["signatures"][0].value("ocsp", ""), "good");
  const auto tampered = verify("application/pkcs7-signature", read_file(sig), content + "x");
  EXPECT_FALSE(tampered["signatures"][0].value("intact", true)) << tampered.dump();
  const auto revoked = verify("application/pkcs7-signature", sign_with("revoked"), content);
  EXPECT_FALSE(revoked.value("valid", true)) << revoked.dump();
  EXPECT_EQ(revoked["signatures"][0].value("ocsp", ""), "revoked") << revoked.dump();
  std::filesystem::remove(data);
  std::filesystem::remove(sig);
}

TEST_F(KysoVerifyTest, XmlSignedByXmlsec1AndByTheHubIsValid) {
  const auto template_file = temp("template.xml");
  const auto out = temp("signed.xml");
  write_file(
      template_file,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<GiayPhep so=\"7\"><NoiDung>Cho phép</NoiDung>"
      "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>"
      "<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
      "<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
      "<Reference URI=\"\"><Transforms>"
      "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
      "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></Transforms>"
      "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
      "<DigestValue/></Reference></SignedInfo><SignatureValue/>"
      "<KeyInfo><X509Data/></KeyInfo></Signature></GiayPhep>\n");
  const auto said =
      run_command("xmlsec1 --sign --privkey-pem " + pki_file("hub-signing-key.pem").string() + "," +
                  pki_file("hub-signing.pem").string() + " --output " + out.string() + " " +
                  template_file.string() + " 2>&1");
  const auto by_tool = read_file(out);
  ASSERT_FALSE(by_tool.empty()) << said;
  const auto tool_verdict = verify("application/xml", by_tool);
  EXPECT_TRUE(tool_verdict.value("valid", false)) << tool_verdict.dump();
  auto changed = by_tool;
  changed.replace(changed.find("Cho phép"), 3, "Cam");
  const auto changed_verdict = verify("application/xml", changed);
  EXPECT_FALSE(changed_verdict["signatures"][0].value("intact", true)) << changed_verdict.dump();

  const auto by_hub =
      signed_by_hub(sign_request(kApproves, "d.xml", "application/xml", sample_xml()));
  const auto hub_verdict = verify("application/xml", by_hub);
  EXPECT_TRUE(hub_verdict.value("valid", false)) << hub_verdict.dump();
  std::filesystem::remove(template_file);
  std::filesystem::remove(out);
}

TEST_F(KysoVerifyTest, WhatCannotBeVerifiedIsA400) {
  const auto res =
      post_json("/v1/kyso/verify-document",
                {{"document", {{"contentType", "image/png"}, {"contentBase64", "AAAA"}}}});
  EXPECT_EQ(res.result_int(), 400) << res.body();
  const auto garbage =
      post_json("/v1/kyso/verify-document",
                {{"document",
                  {{"contentType", "application/pdf"}, {"contentBase64", base64_encode("junk")}}}});
  EXPECT_EQ(garbage.result_int(), 400) << garbage.body();
}

}  // namespace
}  // namespace lienthong::testing
