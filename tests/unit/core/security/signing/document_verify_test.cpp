#include "core/security/signing/document_verify.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/security/signing/cms_signature.hpp"
#include "core/security/signing/pdf_signing.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/signing/signing_test_support.hpp"

// Documents signed by outside tools (openssl cms, xmlsec1, pdfsig) and by the hub's own PAdES
// pipeline: the verifier's verdict must be the tool's. Each tool's test is skipped when the tool
// is missing.
namespace lienthong::security::signing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;
using security::testing::dev_trust;
using security::testing::fresh_temp_dir;
using security::testing::identity;
using security::testing::pki_file;
using security::testing::read_file;
using security::testing::write_file;
using test_support::add_revision;
using test_support::have;
using test_support::hex;
using test_support::play_ca;
using test_support::Ran;
using test_support::run;
using test_support::timestamp_token;
const auto q = [](const fs::path& p) { return test_support::quoted(p); };

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class DocumentVerify : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = fresh_temp_dir("document-verify"); }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  fs::path file(const std::string& name, const std::string& bytes) {
    write_file(dir_ / name, bytes);
    return dir_ / name;
  }
  fs::path dir_;
};

const std::string kContent = "BT /F1 24 Tf 72 720 Td (Giay xac nhan so 42) Tj ET";

std::string text_pdf() {
  return add_revision(
      "",
      {{1, "<</Type /Catalog /Pages 2 0 R>>"},
       {2, "<</Type /Pages /Kids [3 0 R] /Count 1>>"},
       {3,
        "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R>>>> "
        "/Contents 4 0 R>>"},
       {4,
        "<</Length " + std::to_string(kContent.size()) + ">>\nstream\n" + kContent + "\nendstream"},
       {5, "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>"},
       {6, "<</Producer (Lien Thong test)>>"}},
      "/Size 7 /Root 1 0 R /Info 6 0 R "
      "/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
}

const system_clock::time_point kSigningTime =
    sys_days{year{2025} / 3 / 7} + hours{1} + minutes{2} + seconds{3};

// ---- CMS: openssl cms -sign ---------------------------------------------------------------------

class DocumentVerifyCms : public DocumentVerify {
 protected:
  void SetUp() override {
    if (!have("openssl")) GTEST_SKIP() << "openssl not installed";
    DocumentVerify::SetUp();
    content_ = file("content.bin", "Giay xac nhan so 42\r\nbinary \x01\x02\xff tail\n");
  }
  std::string sign(const std::string& extra, const fs::path& signer = pki_file("hub-signing.pem"),
                   const fs::path& key = pki_file("hub-signing-key.pem")) {
    Ran r = run("openssl cms -sign -binary -in " + q(content_) + " -signer " + q(signer) +
                " -inkey " + q(key) + " -certfile " + q(pki_file("intermediate-ca.pem")) +
                " -outform DER -out " + q(dir_ / "x.p7s") + " " + extra);
    EXPECT_EQ(r.status, 0) << r.output;
    return read_file(dir_ / "x.p7s");
  }
  Ran openssl_verify(const fs::path& content, const std::string& extra = "") {
    return run("openssl cms -verify -binary -inform DER -in " + q(dir_ / "x.p7s") +
               (content.empty() ? "" : " -content " + q(content)) + " -CAfile " +
               q(pki_file("root-ca.pem")) + " -certfile " + q(pki_file("intermediate-ca.pem")) +
               " " + extra + " -out /dev/null");
  }
  fs::path content_;
};

TEST_F(DocumentVerifyCms, ADetachedSignatureByOpensslIsIntactAndTrusted) {
  const std::string p7s = sign("");
  Ran tool = openssl_verify(content_);
  EXPECT_EQ(tool.status, 0) << tool.output;
  EXPECT_TRUE(contains(tool.output, "Verification successful")) << tool.output;

  auto reports = verify_cms(p7s, read_file(content_), dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  const SignatureReport& r = reports->front();
  EXPECT_EQ(r.format, "cms");
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_TRUE(r.covers_whole_document);
  EXPECT_TRUE(r.chain_trusted) << r.problem;
  EXPECT_EQ(r.problem, "");
  ASSERT_NE(r.signer, nullptr);
  EXPECT_TRUE(contains(r.signer_subject, "CN=")) << r.signer_subject;
  EXPECT_FALSE(r.serial.empty());
  EXPECT_GE(r.chain.size(), 2U);            // the signer and the intermediate
  ASSERT_TRUE(r.claimed_time.has_value());  // openssl adds signingTime
  EXPECT_LT(abs(duration_cast<seconds>(*r.claimed_time - system_clock::now()).count()), 300);
  EXPECT_FALSE(r.timestamp_time.has_value());

  // PEM works as well.
  Ran pem = run("openssl cms -cmsout -inform DER -in " + q(dir_ / "x.p7s") + " -outform PEM");
  ASSERT_EQ(pem.status, 0) << pem.output;
  auto again = verify_cms(pem.output, read_file(content_), dev_trust());
  ASSERT_TRUE(again) << again.error().detail;
  ASSERT_EQ(again->size(), 1U);
  EXPECT_TRUE(again->front().intact) << again->front().problem;
}

TEST_F(DocumentVerifyCms, AnAttachedSignatureIsVerifiedWithoutContent) {
  const std::string p7s = sign("-nodetach");
  Ran tool = openssl_verify({});
  EXPECT_EQ(tool.status, 0) << tool.output;
  auto reports = verify_cms(p7s, "", dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  EXPECT_TRUE(reports->front().intact) << reports->front().problem;
  EXPECT_TRUE(reports->front().chain_trusted) << reports->front().problem;
}

TEST_F(DocumentVerifyCms, TamperedContentIsNotIntactAsOpensslSays) {
  const std::string p7s = sign("");
  std::string tampered = read_file(content_);
  tampered[3] ^= 0x01;
  const fs::path bad = file("tampered.bin", tampered);
  Ran tool = openssl_verify(bad);
  EXPECT_NE(tool.status, 0) << tool.output;
  EXPECT_TRUE(contains(tool.output, "Verification failure")) << tool.output;

  auto reports = verify_cms(p7s, tampered, dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  EXPECT_FALSE(reports->front().intact);
  EXPECT_FALSE(reports->front().covers_whole_document);
  EXPECT_TRUE(contains(reports->front().problem, "digest mismatch")) << reports->front().problem;
  // A detached signature without content is refused outright.
  auto no_content = verify_cms(p7s, "", dev_trust());
  ASSERT_FALSE(no_content);
  EXPECT_EQ(no_content.error().kind, ProblemKind::kInvalid);
}

TEST_F(DocumentVerifyCms, ASelfSignedSignerIsIntactButNotTrusted) {
  Ran made = run("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + q(dir_ / "self-key.pem") +
                 " -out " + q(dir_ / "self.pem") + " -days 30 -subj '/CN=Tu ky'");
  ASSERT_EQ(made.status, 0) << made.output;
  const std::string p7s = sign("", dir_ / "self.pem", dir_ / "self-key.pem");
  Ran tool = openssl_verify(content_);
  EXPECT_NE(tool.status, 0) << tool.output;  // not trusted by openssl either …
  Ran noverify = openssl_verify(content_, "-noverify");
  EXPECT_EQ(noverify.status, 0) << noverify.output;  // … but intact

  auto reports = verify_cms(p7s, read_file(content_), dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  const SignatureReport& r = reports->front();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_FALSE(r.chain_trusted);
  EXPECT_TRUE(contains(r.problem, "certificate not trusted: ")) << r.problem;
  EXPECT_EQ(r.signer_subject, "CN=Tu ky");
}

TEST_F(DocumentVerifyCms, GarbageIsInvalid) {
  auto r = verify_cms("not a signature", "x", dev_trust());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ProblemKind::kInvalid);
}

// ---- XML: xmlsec1 --sign ------------------------------------------------------------------------

const std::string kXmlTemplate =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<HoSo xmlns=\"urn:lienthong:test\"><SoHoSo>42</SoHoSo><Ten>Nguyen Van A</Ten>"
    "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>"
    "<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
    "<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
    "<Reference URI=\"\"><Transforms>"
    "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
    "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></Transforms>"
    "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
    "<DigestValue/></Reference></SignedInfo><SignatureValue/>"
    "<KeyInfo><X509Data/></KeyInfo></Signature></HoSo>\n";

class DocumentVerifyXml : public DocumentVerify {
 protected:
  void SetUp() override {
    if (!have("xmlsec1")) GTEST_SKIP() << "xmlsec1 not installed (Debian package xmlsec1)";
    DocumentVerify::SetUp();
  }
  std::string sign() {
    const fs::path tmpl = file("template.xml", kXmlTemplate);
    Ran r =
        run("xmlsec1 --sign --privkey-pem " + pki_file("hub-signing-key.pem").string() + "," +
            pki_file("hub-signing.pem").string() + "," + pki_file("intermediate-ca.pem").string() +
            " --output " + q(dir_ / "out.xml") + " " + q(tmpl));
    EXPECT_EQ(r.status, 0) << r.output;
    return read_file(dir_ / "out.xml");
  }
  Ran xmlsec_verify(const fs::path& f) {
    return run("xmlsec1 --verify --trusted-pem " + q(pki_file("root-ca.pem")) +
               " --untrusted-pem " + q(pki_file("intermediate-ca.pem")) + " " + q(f));
  }
};

TEST_F(DocumentVerifyXml, AnEnvelopedSignatureByXmlsecIsIntactAndTrusted) {
  const std::string signed_xml = sign();
  Ran tool = xmlsec_verify(dir_ / "out.xml");
  EXPECT_EQ(tool.status, 0) << tool.output;
  EXPECT_TRUE(contains(tool.output, "OK")) << tool.output;

  auto reports = verify_xml(signed_xml, dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  const SignatureReport& r = reports->front();
  EXPECT_EQ(r.format, "xmldsig");
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_TRUE(r.covers_whole_document);
  EXPECT_TRUE(r.chain_trusted) << r.problem;
  ASSERT_NE(r.signer, nullptr);
  EXPECT_EQ(
      X509_cmp(r.signer.get(), security::testing::load_cert(pki_file("hub-signing.pem")).get()), 0);
  EXPECT_EQ(r.problem, "");
}

TEST_F(DocumentVerifyXml, TamperedIsNotIntactAsXmlsecSays) {
  std::string signed_xml = sign();
  const auto at = signed_xml.find("Nguyen Van A");
  ASSERT_NE(at, std::string::npos);
  signed_xml[at] = 'M';
  const fs::path bad = file("tampered.xml", signed_xml);
  Ran tool = xmlsec_verify(bad);
  EXPECT_NE(tool.status, 0) << tool.output;
  EXPECT_TRUE(contains(tool.output, "FAIL")) << tool.output;

  auto reports = verify_xml(signed_xml, dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  EXPECT_FALSE(reports->front().intact);
  EXPECT_FALSE(reports->front().covers_whole_document);
  EXPECT_TRUE(contains(reports->front().problem, "digest does not match"))
      << reports->front().problem;
}

TEST_F(DocumentVerifyXml, NotXmlOrUnsignedIsInvalid) {
  EXPECT_EQ(verify_xml("<a>", dev_trust()).error().kind, ProblemKind::kInvalid);
  EXPECT_EQ(verify_xml("<a/>", dev_trust()).error().kind, ProblemKind::kInvalid);
}

// ---- PDF: pdfsig -add-signature, and the hub's own pipeline
// ---------------------------------------

class DocumentVerifyPdf : public DocumentVerify {
 protected:
  void SetUp() override {
    if (!have("pdfsig")) GTEST_SKIP() << "pdfsig not installed (Debian package poppler-utils)";
    DocumentVerify::SetUp();
  }
  // pdfsig's verdict on a file.
  std::string pdfsig(const fs::path& f) { return run("pdfsig " + q(f)).output; }
  // `in` signed by pdfsig with hub-signing from an NSS database.
  std::string sign_with_pdfsig(const std::string& in) {
    const fs::path nss = dir_ / "nss";
    fs::create_directories(nss);
    Ran n = run("certutil -N -d " + q(nss) + " --empty-password");
    EXPECT_EQ(n.status, 0) << n.output;
    Ran i = run("pk12util -i " + q(pki_file("hub-signing.p12")) + " -d " + q(nss) + " -W \"$(cat " +
                q(pki_file("hub-signing.p12.pass")) + ")\"");
    EXPECT_EQ(i.status, 0) << i.output;
    Ran l = run("certutil -L -d " + q(nss));
    EXPECT_TRUE(contains(l.output, "hub-signing")) << l.output;
    const fs::path src = file("in.pdf", in);
    Ran s = run("pdfsig -add-signature -nssdir " + q(nss) + " -nick hub-signing " + q(src) + " " +
                q(dir_ / "pdfsig.pdf"));
    EXPECT_EQ(s.status, 0) << s.output;
    return read_file(dir_ / "pdfsig.pdf");
  }
  // The hub's own flow: prepare, the CA stand-in signs, CMS assembled with a TSA token, embedded.
  std::string sign_with_hub(const std::string& in) {
    const SigningIdentity id = identity("hub-signing");
    PdfSignatureFields f;
    f.signing_time = kSigningTime;
    f.reserved_bytes = 16384;
    auto prepared = prepare_pdf(in, f);
    EXPECT_TRUE(prepared) << prepared.error().detail;
    if (!prepared) return {};
    auto cms = prepare_cms(id.certificate(), prepared->content_sha256, {});
    EXPECT_TRUE(cms);
    if (!cms) return {};
    const std::string value = play_ca(id.key(), cms->digest_to_sign);
    const std::string token = timestamp_token(dir_, signature_timestamp_imprint(value));
    auto der = assemble_cms(*cms, id.certificate(), id.chain(), value, token);
    EXPECT_TRUE(der) << der.error().detail;
    if (!der) return {};
    auto out = embed_in_pdf(std::move(*prepared), *der);
    EXPECT_TRUE(out) << out.error().detail;
    return out ? *out : std::string();
  }
};

TEST_F(DocumentVerifyPdf, APdfSignedByPdfsigIsIntactAndTotalAsPdfsigSays) {
  if (!have("certutil") || !have("pk12util")) {
    GTEST_SKIP() << "certutil/pk12util not installed (Debian package libnss3-tools)";
  }
  const std::string signed_pdf = sign_with_pdfsig(text_pdf());
  const std::string tool = pdfsig(file("check.pdf", signed_pdf));
  EXPECT_TRUE(contains(tool, "Signature is Valid.")) << tool;
  EXPECT_TRUE(contains(tool, "Total document signed")) << tool;

  auto reports = verify_pdf(signed_pdf, dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  const SignatureReport& r = reports->front();
  EXPECT_EQ(r.format, "pades");
  EXPECT_FALSE(r.field.empty());
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_TRUE(r.covers_whole_document);
  EXPECT_TRUE(r.chain_trusted) << r.problem;
  ASSERT_NE(r.signer, nullptr);
  EXPECT_TRUE(r.claimed_time.has_value());
}

TEST_F(DocumentVerifyPdf, AByteChangedInTheSignedRangeIsADigestMismatchAsPdfsigSays) {
  if (!have("certutil") || !have("pk12util")) {
    GTEST_SKIP() << "certutil/pk12util not installed (Debian package libnss3-tools)";
  }
  std::string signed_pdf = sign_with_pdfsig(text_pdf());
  const auto at = signed_pdf.find("Giay xac nhan");
  ASSERT_NE(at, std::string::npos);
  signed_pdf[at] = 'X';
  const std::string tool = pdfsig(file("tampered.pdf", signed_pdf));
  EXPECT_TRUE(contains(tool, "Digest Mismatch")) << tool;

  auto reports = verify_pdf(signed_pdf, dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  EXPECT_FALSE(reports->front().intact);
  EXPECT_TRUE(contains(reports->front().problem, "digest mismatch")) << reports->front().problem;
}

TEST_F(DocumentVerifyPdf, AByteAppendedIsNotTheTotalDocumentAsPdfsigSays) {
  if (!have("certutil") || !have("pk12util")) {
    GTEST_SKIP() << "certutil/pk12util not installed (Debian package libnss3-tools)";
  }
  const std::string signed_pdf = sign_with_pdfsig(text_pdf()) + "\n";
  const std::string tool = pdfsig(file("appended.pdf", signed_pdf));
  EXPECT_TRUE(contains(tool, "Signature is Valid.")) << tool;
  EXPECT_TRUE(contains(tool, "Not total document signed")) << tool;

  auto reports = verify_pdf(signed_pdf, dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  EXPECT_TRUE(reports->front().intact) << reports->front().problem;
  EXPECT_FALSE(reports->front().covers_whole_document);
}

TEST_F(DocumentVerifyPdf, TheHubsOwnTimestampedSignatureHasItsTimestampTime) {
  const std::string signed_pdf = sign_with_hub(text_pdf());
  ASSERT_FALSE(signed_pdf.empty());
  const std::string tool = pdfsig(file("hub.pdf", signed_pdf));
  EXPECT_TRUE(contains(tool, "Signature is Valid.")) << tool;
  EXPECT_TRUE(contains(tool, "Total document signed")) << tool;

  auto reports = verify_pdf(signed_pdf, dev_trust());
  ASSERT_TRUE(reports) << reports.error().detail;
  ASSERT_EQ(reports->size(), 1U);
  const SignatureReport& r = reports->front();
  EXPECT_EQ(r.field, "Signature1");
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_TRUE(r.covers_whole_document);
  EXPECT_TRUE(r.chain_trusted) << r.problem;
  EXPECT_EQ(r.problem, "");
  ASSERT_TRUE(r.claimed_time.has_value());
  EXPECT_EQ(*r.claimed_time, kSigningTime);
  ASSERT_TRUE(r.timestamp_time.has_value()) << r.problem;
  EXPECT_LT(abs(duration_cast<seconds>(*r.timestamp_time - system_clock::now()).count()), 300);

  // Signed twice: both reported, oldest first.
  const std::string twice = sign_with_hub(signed_pdf);
  auto both = verify_pdf(twice, dev_trust());
  ASSERT_TRUE(both) << both.error().detail;
  ASSERT_EQ(both->size(), 2U);
  EXPECT_EQ((*both)[0].field, "Signature1");
  EXPECT_EQ((*both)[1].field, "Signature2");
  EXPECT_TRUE((*both)[0].intact && (*both)[1].intact);
  EXPECT_FALSE((*both)[0].covers_whole_document);
  EXPECT_TRUE((*both)[1].covers_whole_document);
}

TEST_F(DocumentVerify, APdfWithoutSignaturesGivesNothingAndGarbageIsInvalid) {
  auto none = verify_pdf(text_pdf(), dev_trust());
  ASSERT_TRUE(none) << none.error().detail;
  EXPECT_TRUE(none->empty());
  auto garbage = verify_pdf("this is not a PDF at all", dev_trust());
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().kind, ProblemKind::kInvalid);
}

}  // namespace
}  // namespace lienthong::security::signing
