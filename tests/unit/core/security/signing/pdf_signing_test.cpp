#include "core/security/signing/pdf_signing.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <utility>
#include <vector>

#include "core/security/signing/cms_signature.hpp"
#include "core/security/signing/pdf_structure.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/signing/signing_test_support.hpp"

namespace lienthong::security::signing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;
using security::testing::fresh_temp_dir;
using security::testing::identity;
using security::testing::pki_file;
using security::testing::read_file;
using security::testing::write_file;
using namespace test_support;

// ---- Sample PDFs ------------------------------------------------------------------------------

const std::string kContent = "BT /F1 24 Tf 72 720 Td (Giay xac nhan so 42) Tj ET";
const std::string kPage =
    "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R>>>> "
    "/Contents 4 0 R";
const std::string kId =
    "/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]";

// A one-page PDF with a line of text: `page_extra` goes into the page dictionary, `catalog_extra`
// into the catalog, `more` are extra objects (numbers 7 and up).
std::string text_pdf(const std::string& page_extra = "", const std::string& catalog_extra = "",
                     const std::vector<std::pair<int, std::string>>& more = {}) {
  std::vector<std::pair<int, std::string>> objects = {
      {1, "<</Type /Catalog /Pages 2 0 R" + catalog_extra + ">>"},
      {2, "<</Type /Pages /Kids [3 0 R] /Count 1>>"},
      {3, kPage + page_extra + ">>"},
      {4, stream_object(kContent)},
      {5, "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>"},
      {6, "<</Producer (Lien Thong test) /Title (M\\343u)>>"}};
  objects.insert(objects.end(), more.begin(), more.end());
  const int size = 7 + static_cast<int>(more.size());
  return add_revision("", objects,
                      "/Size " + std::to_string(size) + " /Root 1 0 R /Info 6 0 R " + kId);
}

PdfSignatureFields fields() {
  PdfSignatureFields f;
  f.signing_time = sys_days{year{2025} / 3 / 7} + hours{1} + minutes{2} + seconds{3};
  f.signer_name = "Nguy\xE1\xBB\x85n V\xC4\x83n A";
  f.reason = "Ph\xC3\xAA duy\xE1\xBB\x87t h\xE1\xBB\x93 s\xC6\xA1";
  f.location = "Ha Noi";
  f.reserved_bytes = 8192;
  return f;
}

// ---- Signing --------------------------------------------------------------------------------

// The whole flow: prepare, the CA signs, CMS assembled (with a TSA token when `tsa_dir` is
// given), embedded.
std::string sign(std::string_view pdf, const PdfSignatureFields& f = fields(),
                 const fs::path& tsa_dir = {}) {
  const SigningIdentity id = identity("hub-signing");
  auto prepared = prepare_pdf(pdf, f);
  EXPECT_TRUE(prepared) << prepared.error().detail;
  if (!prepared) return {};
  auto cms = prepare_cms(id.certificate(), prepared->content_sha256, {});
  EXPECT_TRUE(cms);
  const std::string value = play_ca(id.key(), cms->digest_to_sign);
  const std::string token = tsa_dir.empty()
                                ? std::string()
                                : timestamp_token(tsa_dir, signature_timestamp_imprint(value));
  auto der = assemble_cms(*cms, id.certificate(), id.chain(), value, token);
  EXPECT_TRUE(der) << der.error().detail;
  auto signed_pdf = embed_in_pdf(std::move(*prepared), *der);
  EXPECT_TRUE(signed_pdf) << signed_pdf.error().detail;
  return signed_pdf ? *signed_pdf : std::string();
}

std::string error_of(std::string_view pdf, const PdfSignatureFields& f = fields()) {
  auto prepared = prepare_pdf(pdf, f);
  EXPECT_FALSE(prepared);
  if (prepared) return {};
  EXPECT_EQ(prepared.error().kind, ProblemKind::kInvalid);
  return prepared.error().detail;
}

// ---- prepare_pdf --------------------------------------------------------------------------------

TEST(PdfSigning, PrepareAppendsAnIncrementalUpdateAfterTheUntouchedOriginal) {
  const std::string pdf = text_pdf();
  auto p = prepare_pdf(pdf, fields());
  ASSERT_TRUE(p) << p.error().detail;
  ASSERT_GT(p->bytes.size(), pdf.size());
  EXPECT_EQ(p->bytes.substr(0, pdf.size()), pdf);
  const std::string update = p->bytes.substr(pdf.size());

  // The signature dictionary (object 7 = the old /Size): /Contents reserved, then the texts.
  const std::size_t sig_at = update.find(
      "7 0 obj\n<</Type /Sig /Filter /Adobe.PPKLite "
      "/SubFilter /ETSI.CAdES.detached /ByteRange [0 ");
  ASSERT_NE(sig_at, std::string::npos) << update.substr(0, 400);
  EXPECT_EQ(p->contents_length, 8192u * 2 + 2);
  EXPECT_EQ(p->bytes.substr(p->contents_offset - 11, 12), " /Contents <");
  EXPECT_EQ(p->bytes.find_first_not_of('0', p->contents_offset + 1),
            p->contents_offset + p->contents_length - 1);
  const std::string after_contents = p->bytes.substr(p->contents_offset + p->contents_length);
  EXPECT_EQ(
      after_contents.substr(0, after_contents.find("\nendobj")),
      " /M (D:20250307010203+00'00') /Name (\\376\\377\\000N\\000g\\000u\\000y\\036\\305\\000n"
      "\\000 \\000V\\001\\003\\000n\\000 \\000A) /Reason (\\376\\377\\000P\\000h\\000\\352\\000 "
      "\\000d\\000u\\000y\\036\\307\\000t\\000 \\000h\\036\\323\\000 \\000s\\001\\241) "
      "/Location (Ha Noi)>>");

  // /ByteRange: everything but the hex string, written in its fixed-width field.
  const std::size_t br = p->bytes.find("/ByteRange [", pdf.size()) + 12;
  const std::string range = p->bytes.substr(br, p->bytes.find(']', br) - br);
  const std::size_t a = p->contents_offset;
  const std::size_t b = p->contents_offset + p->contents_length;
  std::string expected = "0 " + std::to_string(a) + ' ' + std::to_string(b) + ' ' +
                         std::to_string(p->bytes.size() - b);
  expected.resize(34, ' ');
  EXPECT_EQ(range, expected);
  std::string covered = p->bytes.substr(0, a) + p->bytes.substr(b);
  unsigned char md[32];
  ASSERT_EQ(EVP_Digest(covered.data(), covered.size(), md, nullptr, EVP_sha256(), nullptr), 1);
  EXPECT_EQ(p->content_sha256, std::string(reinterpret_cast<const char*>(md), 32));

  // The catalog gets an AcroForm, the page the widget, which is the field (object 8).
  EXPECT_NE(update.find("1 0 obj\n<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [8 0 R] "
                        "/SigFlags 3>>>>\nendobj\n"),
            std::string::npos);
  EXPECT_NE(update.find("3 0 obj\n" + kPage + " /Annots [8 0 R]>>\nendobj\n"), std::string::npos);
  EXPECT_NE(update.find("8 0 obj\n<</Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) "
                        "/V 7 0 R /F 132 /Rect [0 0 0 0] /P 3 0 R>>\nendobj\n"),
            std::string::npos);

  // A classic section for 1, 3, 7, 8 and a trailer that chains to the original's.
  const std::size_t old_xref = pdf.rfind("\nxref\n") + 1;
  const std::size_t xref = p->bytes.rfind("\nxref\n") + 1;
  auto offset_of = [&](const std::string& header) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n\r\n", p->bytes.find(header, pdf.size()));
    return std::string(buf);
  };
  EXPECT_EQ(p->bytes.substr(xref),
            "xref\n1 1\n" + offset_of("1 0 obj") + "3 1\n" + offset_of("3 0 obj") + "7 2\n" +
                offset_of("7 0 obj") + offset_of("8 0 obj") +
                "trailer\n<</Size 9 /Root 1 0 R /Info 6 0 R " + kId + " /Prev " +
                std::to_string(old_xref) + ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n");

  // And our own reader reads the result.
  auto s = pdf::read_structure(p->bytes);
  ASSERT_TRUE(s) << s.error().detail;
  EXPECT_EQ(s->size, 9u);
  auto field = pdf::read_object(p->bytes, *s, 8);
  ASSERT_TRUE(field);
  EXPECT_EQ(field->object.dictionary()->find("FT")->name(), "Sig");
}

TEST(PdfSigning, PrepareIsDeterministic) {
  const std::string pdf = text_pdf();
  auto first = prepare_pdf(pdf, fields());
  auto second = prepare_pdf(pdf, fields());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->bytes, second->bytes);
  EXPECT_EQ(first->content_sha256, second->content_sha256);
  PdfSignatureFields later = fields();
  later.signing_time += seconds{1};
  auto third = prepare_pdf(pdf, later);
  ASSERT_TRUE(third);
  EXPECT_NE(third->content_sha256, first->content_sha256);
}

TEST(PdfSigning, KeepsExistingFieldsAndPicksTheNextFreeName) {
  // An inline AcroForm with an inline /Fields, and a text field already called Signature1.
  const std::string inline_form = text_pdf(
      " /Annots [7 0 R]", " /AcroForm <</Fields [7 0 R] /DA (/Helv 0 Tf 0 g) /SigFlags 1>>",
      {{7,
        "<</FT /Tx /T (Signature1) /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /P 3 0 R>>"}});
  auto p = prepare_pdf(inline_form, fields());
  ASSERT_TRUE(p) << p.error().detail;
  const std::string update = p->bytes.substr(inline_form.size());
  EXPECT_NE(update.find("/AcroForm <</Fields [7 0 R 9 0 R] /DA (/Helv 0 Tf 0 g) /SigFlags 3>>"),
            std::string::npos);
  EXPECT_NE(update.find(" /Annots [7 0 R 9 0 R]>>"), std::string::npos);
  EXPECT_NE(update.find("/T (Signature2)"), std::string::npos);

  // An indirect AcroForm (9) with an indirect /Fields (10), an indirect /Annots (11): those are
  // rewritten; the catalog and the page are not.
  const std::string indirect = text_pdf(" /Annots 11 0 R", " /AcroForm 9 0 R",
                                        {{7, "<</FT /Sig /T (Signature1)>>"},
                                         {8, "<</FT /Sig /T (Signature3)>>"},
                                         {9, "<</Fields 10 0 R /NeedAppearances false>>"},
                                         {10, "[7 0 R 8 0 R]"},
                                         {11, "[]"}});
  auto q = prepare_pdf(indirect, fields());
  ASSERT_TRUE(q) << q.error().detail;
  const std::string u = q->bytes.substr(indirect.size());
  EXPECT_EQ(u.find("\n1 0 obj"), std::string::npos);
  EXPECT_EQ(u.find("\n3 0 obj"), std::string::npos);
  EXPECT_NE(u.find("9 0 obj\n<</Fields 10 0 R /NeedAppearances false /SigFlags 3>>"),
            std::string::npos);
  EXPECT_NE(u.find("10 0 obj\n[7 0 R 8 0 R 13 0 R]\nendobj"), std::string::npos);
  EXPECT_NE(u.find("11 0 obj\n[13 0 R]\nendobj"), std::string::npos);
  EXPECT_NE(u.find("13 0 obj\n<</Type /Annot /Subtype /Widget /FT /Sig /T (Signature2) /V 12 0 R"),
            std::string::npos);
  EXPECT_NE(u.find("xref\n9 5\n"), std::string::npos);
}

TEST(PdfSigning, NewObjectsGoAboveTheHighestNumberEvenWhenSizeIsTooSmall) {
  // pdfunite (poppler 22) writes /Size 4 for objects up to 5; objects 4 and 5 must survive.
  std::string pdf = text_pdf();
  pdf.replace(pdf.rfind("/Size 7"), 7, "/Size 3");
  auto p = prepare_pdf(pdf, fields());
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_NE(p->bytes.find("\n7 0 obj\n<</Type /Sig", pdf.size()), std::string::npos);
  EXPECT_NE(p->bytes.find("/Size 9 ", pdf.size()), std::string::npos);
}

TEST(PdfSigning, FindsTheFirstPageThroughNestedPageTreeNodes) {
  const std::string pdf =
      add_revision("",
                   {{1, "<</Type /Catalog /Pages 2 0 R>>"},
                    {2, "<</Type /Pages /Kids [3 0 R 5 0 R] /Count 2>>"},
                    {3, "<</Type /Pages /Parent 2 0 R /Kids [] /Count 0>>"},  // an empty node first
                    {5, "<</Type /Pages /Parent 2 0 R /Kids 6 0 R /Count 1>>"},
                    {6, "[4 0 R]"},
                    {4, "<</Type /Page /Parent 5 0 R>>"}},
                   "/Size 7 /Root 1 0 R");
  auto p = prepare_pdf(pdf, fields());
  ASSERT_TRUE(p) << p.error().detail;
  EXPECT_NE(p->bytes.find("4 0 obj\n<</Type /Page /Parent 5 0 R /Annots [8 0 R]>>", pdf.size()),
            std::string::npos);
  EXPECT_NE(p->bytes.find("/P 4 0 R>>", pdf.size()), std::string::npos);
}

TEST(PdfSigning, RefusesWhatItCannotSign) {
  const std::string pdf = text_pdf();
  EXPECT_EQ(error_of("Hello, world"), "not a PDF: no %PDF- header in the first 1024 bytes");
  EXPECT_NE(error_of(pdf.substr(0, pdf.size() / 2)).find("no startxref"), std::string::npos);
  EXPECT_NE(error_of(pdf.substr(0, pdf.size() - 3)).find("truncated"), std::string::npos);
  std::string encrypted = pdf;
  encrypted.insert(encrypted.rfind("/Root 1 0 R"), "/Encrypt 9 0 R ");
  EXPECT_EQ(error_of(encrypted),
            "the PDF is encrypted; remove the password protection before signing");
  EXPECT_EQ(
      error_of(add_revision(
          "", {{1, "<</Type /Catalog /Pages 2 0 R>>"}, {2, "<</Type /Pages /Kids [] /Count 0>>"}},
          "/Size 3 /Root 1 0 R")),
      "the PDF has no page to put the signature field on");
  EXPECT_EQ(error_of(add_revision("", {{1, "<</Type /Catalog>>"}}, "/Size 2 /Root 1 0 R")),
            "broken PDF: the catalog has no /Pages reference");
  EXPECT_EQ(error_of(add_revision("", {{1, "[1 2]"}}, "/Size 2 /Root 1 0 R")),
            "broken PDF: the catalog (object 1) is not a dictionary");
  EXPECT_EQ(error_of(add_revision("",
                                  {{1, "<</Type /Catalog /Pages 2 0 R>>"},
                                   {2, "<</Type /Pages /Kids [2 0 R] /Count 1>>"}},
                                  "/Size 3 /Root 1 0 R")),
            "broken PDF: the page tree loops");
  EXPECT_EQ(error_of(text_pdf(" /Annots 5"), fields()),
            "unsupported PDF: /Annots is neither an array nor a reference to one");
  PdfSignatureFields bad_text = fields();
  bad_text.reason = "\xC3(";
  EXPECT_EQ(error_of(pdf, bad_text), "the signature's Reason is not valid UTF-8");
  PdfSignatureFields no_room = fields();
  no_room.reserved_bytes = 0;
  EXPECT_NE(error_of(pdf, no_room).find("reserved_bytes must be between"), std::string::npos);
}

// ---- embed_in_pdf -------------------------------------------------------------------------------

class PdfEmbed : public ::testing::Test {
 protected:
  void SetUp() override {
    auto p = prepare_pdf(text_pdf(), fields());
    ASSERT_TRUE(p);
    prepared_ = std::move(*p);
    auto cms = prepare_cms(id_.certificate(), prepared_.content_sha256, {});
    ASSERT_TRUE(cms);
    auto der =
        assemble_cms(*cms, id_.certificate(), id_.chain(), play_ca(id_.key(), cms->digest_to_sign));
    ASSERT_TRUE(der);
    cms_ = *der;
  }
  std::string error_of(PreparedPdf p, std::string_view cms) {
    auto out = embed_in_pdf(std::move(p), cms);
    EXPECT_FALSE(out);
    return out ? std::string() : out.error().detail;
  }
  SigningIdentity id_ = identity("hub-signing");
  PreparedPdf prepared_;
  std::string cms_;
};

TEST_F(PdfEmbed, WritesTheCmsAsHexPaddedWithZeros) {
  auto out = embed_in_pdf(prepared_, cms_);
  ASSERT_TRUE(out) << out.error().detail;
  ASSERT_EQ(out->size(), prepared_.bytes.size());
  const std::string contents = out->substr(prepared_.contents_offset, prepared_.contents_length);
  std::string upper = hex(cms_);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(contents,
            '<' + upper + std::string(prepared_.contents_length - 2 - upper.size(), '0') + '>');
  EXPECT_EQ(out->substr(0, prepared_.contents_offset),
            prepared_.bytes.substr(0, prepared_.contents_offset));
  EXPECT_EQ(out->substr(prepared_.contents_offset + prepared_.contents_length),
            prepared_.bytes.substr(prepared_.contents_offset + prepared_.contents_length));
}

TEST_F(PdfEmbed, RefusesACmsLargerThanTheReservation) {
  PdfSignatureFields small = fields();
  small.reserved_bytes = 1000;
  auto p = prepare_pdf(text_pdf(), small);
  ASSERT_TRUE(p);
  EXPECT_EQ(error_of(*p, cms_), "the CMS signature is " + std::to_string(cms_.size()) +
                                    " bytes but only 1000 were reserved; prepare the PDF again "
                                    "with reserved_bytes of at least " +
                                    std::to_string(cms_.size()));
}

TEST_F(PdfEmbed, RefusesAPreparationThatDoesNotFitAndTheCmsOfAnotherDocument) {
  PreparedPdf moved = prepared_;
  moved.contents_offset += 1;
  EXPECT_EQ(error_of(moved, cms_),
            "the prepared PDF has no empty /Contents placeholder where it says");
  auto once = embed_in_pdf(prepared_, cms_);
  ASSERT_TRUE(once);
  PreparedPdf filled = prepared_;
  filled.bytes = *once;
  EXPECT_EQ(error_of(filled, cms_),
            "the prepared PDF has no empty /Contents placeholder where it says");
  PreparedPdf changed = prepared_;
  changed.bytes[100] ^= 1;
  EXPECT_EQ(error_of(changed, cms_),
            "the prepared PDF changed after it was prepared (its digest differs)");

  auto other = prepare_pdf(text_pdf(" /Rotate 90"), fields());
  ASSERT_TRUE(other);
  EXPECT_EQ(error_of(*other, cms_),
            "the CMS signature was made for other content (its message-digest is not this PDF's "
            "digest)");
  EXPECT_EQ(error_of(prepared_, "not a CMS"),
            "the signature to embed is not a DER CMS SignedData with one signer");
  EXPECT_EQ(error_of(prepared_, cms_ + "x"),
            "the signature to embed is not a DER CMS SignedData with one signer");
}

// ---- Outsider tools: pdfsig (poppler), qpdf --check -------------------------------------------

class PdfSigningTools : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have("pdfsig") || !have("qpdf")) {
      GTEST_SKIP()
          << "pdfsig or qpdf not installed (scripts/setup.sh installs poppler-utils, qpdf)";
    }
    dir_ = fresh_temp_dir("pdf-signing");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  fs::path file(const std::string& name, const std::string& bytes) {
    write_file(dir_ / name, bytes);
    return dir_ / name;
  }
  std::string pdfsig(const fs::path& f) {
    Ran r = run("pdfsig '" + f.string() + "'");
    return r.output;
  }
  void expect_qpdf_check_clean(const fs::path& f) {
    Ran r = run("qpdf --check '" + f.string() + "'");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("No syntax or stream encoding errors found"), std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("WARNING"), std::string::npos) << r.output;
  }
  // pdfsig says the one (or `index`th) signature is valid and covers everything but /Contents.
  void expect_valid(const fs::path& f, const std::string& signed_bytes, int index = 1,
                    bool total = true) {
    const std::string out = pdfsig(f);
    const std::size_t at = out.find("Signature #" + std::to_string(index) + ":");
    ASSERT_NE(at, std::string::npos) << out;
    const std::string part = out.substr(at, out.find("Signature #", at + 1) - at);
    EXPECT_NE(part.find("Signature Validation: Signature is Valid."), std::string::npos) << out;
    EXPECT_NE(part.find("Signature Type: ETSI.CAdES.detached"), std::string::npos) << out;
    if (total) {
      EXPECT_NE(part.find("Total document signed"), std::string::npos) << out;
      const std::size_t lt = signed_bytes.rfind("/Contents <");
      ASSERT_NE(lt, std::string::npos);
      const std::size_t a = lt + 10;
      const std::size_t b = signed_bytes.find('>', a) + 1;
      EXPECT_NE(part.find("Signed Ranges: [0 - " + std::to_string(a) + "], [" + std::to_string(b) +
                          " - " + std::to_string(signed_bytes.size()) + "]"),
                std::string::npos)
          << out;
    }
  }
  fs::path dir_;
};

TEST_F(PdfSigningTools, AHandWrittenPdfSignedIsValidForPdfsigAndCleanForQpdf) {
  const std::string original = text_pdf();
  const fs::path in = file("in.pdf", original);
  expect_qpdf_check_clean(in);  // the sample itself is sound
  const std::string signed_pdf = sign(original);
  const fs::path out = file("signed.pdf", signed_pdf);
  expect_valid(out, signed_pdf);
  expect_qpdf_check_clean(out);
}

TEST_F(PdfSigningTools, PdfsWrittenByQpdfAndPopplerAndLinearizedOnesAreSigned) {
  const fs::path in = file("in.pdf", text_pdf());
  std::vector<std::pair<std::string, std::string>> makers = {
      {"qpdf.pdf", "qpdf '" + in.string() + "' '" + (dir_ / "qpdf.pdf").string() + "'"},
      {"linearized.pdf",
       "qpdf --linearize '" + in.string() + "' '" + (dir_ / "linearized.pdf").string() + "'"},
      {"qdf.pdf", "qpdf --qdf '" + in.string() + "' '" + (dir_ / "qdf.pdf").string() + "'"},
      // The catalog and the page inside a compressed object stream (as Word and LibreOffice
      // write PDF 1.5+).
      {"objstm.pdf", "qpdf --object-streams=generate '" + in.string() + "' '" +
                         (dir_ / "objstm.pdf").string() + "'"}};
  if (have("pdfunite")) {
    makers.emplace_back("united.pdf", "pdfunite '" + in.string() + "' '" + in.string() + "' '" +
                                          (dir_ / "united.pdf").string() + "'");
  }
  for (const auto& [name, command] : makers) {
    SCOPED_TRACE(name);
    Ran made = run(command);
    ASSERT_EQ(made.status, 0) << command << "\n" << made.output;
    const std::string signed_pdf = sign(read_file(dir_ / name));
    const fs::path out = file("signed-" + name, signed_pdf);
    expect_valid(out, signed_pdf);
    expect_qpdf_check_clean(out);
  }
}

TEST_F(PdfSigningTools, APdfWithAnXrefStreamAndUncompressedObjectsIsSigned) {
  // An xref stream with plain objects (object streams: PdfsWrittenByQpdf... above).
  const std::string pdf = xref_stream_pdf(
      {"<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", kPage + ">>",
       stream_object(kContent), "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>"});
  expect_qpdf_check_clean(file("xrefstream.pdf", pdf));
  const std::string signed_pdf = sign(pdf);
  const fs::path out = file("signed.pdf", signed_pdf);
  expect_valid(out, signed_pdf);
  expect_qpdf_check_clean(out);
}

TEST_F(PdfSigningTools, ASignedPdfSignedAgainKeepsBothSignaturesValid) {
  const std::string once = sign(text_pdf());
  const std::string twice = sign(once);
  ASSERT_FALSE(twice.empty());
  EXPECT_NE(twice.find("/T (Signature2)", once.size()), std::string::npos);
  EXPECT_NE(twice.find("/Fields [8 0 R 10 0 R]", once.size()), std::string::npos);
  const fs::path out = file("twice.pdf", twice);
  expect_valid(out, once, 1, /*total=*/false);
  expect_valid(out, twice, 2);
  expect_qpdf_check_clean(out);
}

TEST_F(PdfSigningTools, TamperingIsDetected) {
  const std::string signed_pdf = sign(text_pdf());
  std::string changed = signed_pdf;
  const std::size_t text = changed.find("so 42");
  ASSERT_NE(text, std::string::npos);
  changed[text + 3] = '7';  // inside the first signed range: "so 72"
  const std::string out = pdfsig(file("changed.pdf", changed));
  EXPECT_EQ(out.find("Signature is Valid."), std::string::npos) << out;
  EXPECT_NE(out.find("Signature Validation: Digest Mismatch."), std::string::npos) << out;

  const std::string appended = pdfsig(file("appended.pdf", signed_pdf + "%"));
  EXPECT_NE(appended.find("Not total document signed"), std::string::npos) << appended;
  EXPECT_EQ(appended.find("Total document signed"), std::string::npos) << appended;
}

TEST_F(PdfSigningTools, ATimestampedSignatureStaysValid) {
  const std::string signed_pdf = sign(text_pdf(), fields(), dir_);
  const fs::path out = file("timestamped.pdf", signed_pdf);
  expect_valid(out, signed_pdf);
  expect_qpdf_check_clean(out);
  // The token is inside: its TSTInfo OID (1.2.840.113549.1.9.16.1.4) appears in the hex.
  EXPECT_NE(signed_pdf.find("060B2A864886F70D0109100104"), std::string::npos);
}

TEST_F(PdfSigningTools, AnEncryptedPdfIsRefused) {
  const fs::path in = file("in.pdf", text_pdf());
  Ran r =
      run("qpdf --encrypt u o 256 -- '" + in.string() + "' '" + (dir_ / "enc.pdf").string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(error_of(read_file(dir_ / "enc.pdf")),
            "the PDF is encrypted; remove the password protection before signing");
}

}  // namespace
}  // namespace lienthong::security::signing
