// Remote signing end to end (issue 11): each signed file is checked by a tool the project did
// not write — pdfsig and qpdf for PAdES, xmlsec1 for XAdES, openssl cms and openssl ts for CMS
// and the signature timestamps.
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <regex>

#include "core/base/digest.hpp"
#include "kyso_fixture.hpp"

namespace lienthong::testing {
namespace {

using security::testing::pki_file;

std::string unhex(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

/// The CMS in a signed PDF's /Contents, found through its /ByteRange.
std::string pdf_cms(const std::string& pdf) {
  std::smatch m;
  const std::regex range(R"(/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\])");
  if (!std::regex_search(pdf, m, range)) return {};
  const auto a = std::stoul(m[1]);
  const auto b = std::stoul(m[2]);
  return unhex(std::string_view(pdf).substr(a + 1, b - a - 2));
}

/// The signature value and the id-aa-signatureTimeStampToken of a CMS's only signer.
struct Stamped {
  std::string signature;
  std::string token;
};
Stamped signature_and_token(const std::string& der) {
  Stamped out;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size()));
  if (cms == nullptr) return out;
  auto* infos = CMS_get0_SignerInfos(cms);
  if (infos != nullptr && sk_CMS_SignerInfo_num(infos) == 1) {
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
    const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
    out.signature.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(sig)),
                         static_cast<std::size_t>(ASN1_STRING_length(sig)));
    ASN1_OBJECT* oid = OBJ_txt2obj("1.2.840.113549.1.9.16.2.14", 1);
    const int at = CMS_unsigned_get_attr_by_OBJ(si, oid, -1);
    if (at >= 0) {
      ASN1_TYPE* t = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, at), 0);
      if (t != nullptr && t->type == V_ASN1_SEQUENCE) {
        out.token.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t->value.sequence)),
                         static_cast<std::size_t>(ASN1_STRING_length(t->value.sequence)));
      }
    }
    ASN1_OBJECT_free(oid);
  }
  CMS_ContentInfo_free(cms);
  return out;
}

class KysoSigningTest : public KysoTest {
 protected:
  /// `openssl ts -verify` of the CMS's signature timestamp over its signature value.
  void expect_timestamp_verifies(const std::string& cms, const std::string& name) {
    const auto stamped = signature_and_token(cms);
    ASSERT_FALSE(stamped.signature.empty());
    ASSERT_FALSE(stamped.token.empty()) << "no signature timestamp in the CMS";
    const auto token = temp(name + ".tst");
    write_file(token, stamped.token);
    const auto out =
        run_command("openssl ts -verify -token_in -in " + token.string() + " -digest " +
                    sha256_hex(stamped.signature) + " -CAfile " + pki_file("root-ca.pem").string() +
                    " -untrusted " + pki_file("intermediate-ca.pem").string() + " 2>&1");
    EXPECT_NE(out.find("Verification: OK"), std::string::npos) << out;
  }
};

TEST_F(KysoSigningTest, PdfBecomesPadesThatPdfsigAndQpdfAccept) {
  const auto original = sample_pdf();
  const auto id = sign(sign_request(kApproves, "quyet-dinh.pdf", "application/pdf", original));
  bool saw_awaiting = false;
  const auto done = finished(id, &saw_awaiting);
  ASSERT_EQ(done.value("state", ""), "delivered") << done.dump();
  EXPECT_TRUE(saw_awaiting) << "GET /v1/messages/{id} never showed awaiting_approval";
  EXPECT_EQ(done["result"].value("format", ""), "pades");
  EXPECT_FALSE(done["result"].value("caTransactionId", "").empty());
  const auto pdf = signed_file(done);
  ASSERT_GT(pdf.size(), original.size());
  EXPECT_EQ(pdf.substr(0, original.size()), original) << "not an incremental update";

  const auto file = temp("signed.pdf");
  write_file(file, pdf);
  const auto pdfsig = run_command("pdfsig " + file.string() + " 2>&1");
  EXPECT_NE(pdfsig.find("Signature Validation: Signature is Valid."), std::string::npos) << pdfsig;
  EXPECT_NE(pdfsig.find("Total document signed"), std::string::npos) << pdfsig;
  EXPECT_NE(pdfsig.find("ETSI.CAdES.detached"), std::string::npos) << pdfsig;
  const auto qpdf = run_command("qpdf --check " + file.string() + " 2>&1; echo rc=$?");
  EXPECT_NE(qpdf.find("No syntax or stream encoding errors"), std::string::npos) << qpdf;
  EXPECT_NE(qpdf.find("rc=0"), std::string::npos) << qpdf;
  expect_timestamp_verifies(pdf_cms(pdf), "pades");
  // The CA was asked once for this message, and answered once approved.
  EXPECT_EQ(sign_requests_for(id), 1u);

  // One byte changed inside the signed range: pdfsig says so.
  auto tampered = pdf;
  const auto at = tampered.find("Quyet dinh");
  tampered[at] = 'X';
  write_file(file, tampered);
  const auto bad = run_command("pdfsig " + file.string() + " 2>&1");
  EXPECT_EQ(bad.find("Signature Validation: Signature is Valid."), std::string::npos) << bad;
  // A byte appended after the signed range: the signature no longer covers the whole file.
  write_file(file, pdf + "%");
  const auto appended = run_command("pdfsig " + file.string() + " 2>&1");
  EXPECT_EQ(appended.find("Total document signed"), std::string::npos) << appended;
  std::filesystem::remove(file);
}

TEST_F(KysoSigningTest, TheSignedDocumentIsTheCallersOnlyAndAlsoServedAsJson) {
  const auto id = sign(sign_request(kApproves, "a.pdf", "application/pdf", sample_pdf()));
  const auto done = finished(id);
  ASSERT_EQ(done.value("state", ""), "delivered") << done.dump();
  const std::string link = done["result"].value("document", "");
  const auto as_json = get(link, "application/json");
  ASSERT_EQ(as_json.result_int(), 200);
  const auto j = body_json(as_json);
  EXPECT_EQ(j.value("fileName", ""), "a.pdf");
  EXPECT_EQ(j.value("contentType", ""), "application/pdf");
  EXPECT_EQ(decode_base64(j.value("contentBase64", "")).value_or(""), get(link).body());
  EXPECT_EQ(std::string(get(link)[bhttp::field::content_type]), "application/pdf");
  // Another client, or an id that is no document, finds nothing.
  http::Request other{bhttp::verb::get, link, 11};
  other.set(bhttp::field::authorization, std::string("Bearer ") + kLimitedKey);
  EXPECT_EQ(send_http(hub_port(), std::move(other)).result_int(), 404);
  EXPECT_EQ(get("/v1/documents/no-such-document").result_int(), 404);
  EXPECT_EQ(get("/v1/documents/../x").result_int(), 404);
}

TEST_F(KysoSigningTest, XmlBecomesXadesThatXmlsec1Accepts) {
  const auto id = sign(sign_request(kApproves, "giay-phep.xml", "application/xml", sample_xml()));
  const auto done = finished(id);
  ASSERT_EQ(done.value("state", ""), "delivered") << done.dump();
  EXPECT_EQ(done["result"].value("format", ""), "xades");
  const auto xml = signed_file(done);
  const auto file = temp("signed.xml");
  write_file(file, xml);
  const std::string verify =
      "xmlsec1 --verify --enabled-reference-uris empty,same-doc "
      "--id-attr:Id http://uri.etsi.org/01903/v1.3.2#:SignedProperties "
      "--trusted-pem " +
      pki_file("root-ca.pem").string() + " --untrusted-pem " +
      pki_file("intermediate-ca.pem").string() + " ";
  const auto ok = run_command(verify + file.string() + " 2>&1");
  EXPECT_NE(ok.find("OK"), std::string::npos) << ok;
  EXPECT_EQ(ok.find("FAIL"), std::string::npos) << ok;
  // One changed character of the content: xmlsec1 refuses it.
  auto tampered = xml;
  tampered.replace(tampered.find("xây dựng"), 3, "XAY");
  write_file(file, tampered);
  const auto bad = run_command(verify + file.string() + " 2>&1");
  EXPECT_NE(bad.find("FAIL"), std::string::npos) << bad;
  std::filesystem::remove(file);
}

TEST_F(KysoSigningTest, AnyFileGetsADetachedCmsThatOpensslAccepts) {
  const std::string content = "Biên bản họp ngày 07/12/2026\n";
  const auto id = sign(sign_request(kApproves, "bien-ban.txt", "text/plain", content, "detached"));
  const auto done = finished(id);
  ASSERT_EQ(done.value("state", ""), "delivered") << done.dump();
  EXPECT_EQ(done["result"].value("format", ""), "cms");
  EXPECT_EQ(done["result"].value("fileName", ""), "bien-ban.txt.p7s");
  const auto p7s = signed_file(done);
  const auto sig = temp("bien-ban.p7s");
  const auto data = temp("bien-ban.txt");
  write_file(sig, p7s);
  write_file(data, content);
  const std::string verify = "openssl cms -verify -binary -inform DER -in " + sig.string() +
                             " -CAfile " + pki_file("root-ca.pem").string() +
                             " -purpose any -out /dev/null -content ";
  const auto ok = run_command(verify + data.string() + " 2>&1");
  EXPECT_NE(ok.find("Verification successful"), std::string::npos) << ok;
  const auto attrs = run_command("openssl cms -cmsout -print -inform DER -in " + sig.string());
  for (const char* a : {"contentType", "messageDigest", "signingTime",
                        "id-smime-aa-signingCertificateV2", "id-smime-aa-timeStampToken"}) {
    EXPECT_NE(attrs.find(a), std::string::npos) << a;
  }
  expect_timestamp_verifies(p7s, "cms");
  write_file(data, content + "x");
  const auto bad = run_command(verify + data.string() + " 2>&1");
  EXPECT_EQ(bad.find("Verification successful"), std::string::npos) << bad;
  std::filesystem::remove(sig);
  std::filesystem::remove(data);
}

TEST_F(KysoSigningTest, ATenMebibytePdfIsSigned) {
  const auto original = sample_pdf(std::size_t{10} << 20);
  const auto id = sign(sign_request(kApproves, "ho-so.pdf", "application/pdf", original));
  const auto done = finished(id, nullptr, std::chrono::seconds(60));
  ASSERT_EQ(done.value("state", ""), "delivered") << done.dump();
  const auto pdf = signed_file(done);
  const auto file = temp("large.pdf");
  write_file(file, pdf);
  const auto pdfsig = run_command("pdfsig " + file.string() + " 2>&1");
  EXPECT_NE(pdfsig.find("Signature Validation: Signature is Valid."), std::string::npos) << pdfsig;
  std::filesystem::remove(file);
}

TEST_F(KysoSigningTest, ATesterApprovesASignatureTheSignerIgnores) {
  const auto id = sign(sign_request(kIgnores, "a.pdf", "application/pdf", sample_pdf()));
  std::string tran_id;
  for (int i = 0; i < 200 && tran_id.empty(); ++i) {
    const auto s = status(id);
    if (s.contains("signing")) tran_id = field(s["signing"], "caTransactionId");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(tran_id.empty());
  const auto approved =
      sandbox("kyso", bhttp::verb::post, "/_sandbox/sign/" + tran_id + "/approve");
  EXPECT_EQ(approved.result_int(), 200) << approved.body();
  const auto done = finished(id);
  EXPECT_EQ(done.value("state", ""), "delivered") << done.dump();
}

}  // namespace
}  // namespace lienthong::testing
