#include "core/security/signing/pdf_structure.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/signing/signing_test_support.hpp"

namespace lienthong::security::signing::pdf {
namespace {

namespace fs = std::filesystem;
using security::testing::fresh_temp_dir;
using security::testing::read_file;
using security::testing::write_file;
using namespace test_support;

const PdfObjects kPageObjects = {
    {1, "<</Type /Catalog /Pages 2 0 R>>"},
    {2, "<</Type /Pages /Kids [3 0 R] /Count 1>>"},
    {3, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>>"},
    // Stream data that looks like an object must not fool the scan.
    {4, stream_object("BT (9 0 obj) Tj ET\n9 0 obj\n(fake)\nendobj\n")},
};

std::string classic_pdf() {
  return add_revision("", kPageObjects, "/Size 5 /Root 1 0 R");
}

// The same objects with an uncompressed cross-reference stream (object 5, /W [1 4 2]).
std::string xref_stream_sample() {
  std::vector<std::string> bodies;
  for (const auto& [n, body] : kPageObjects) bodies.push_back(body);
  return xref_stream_pdf(bodies, " /ID [<AA> <BB>]");
}

std::string error_of(std::string_view pdf) {
  auto s = read_structure(pdf);
  EXPECT_FALSE(s);
  if (s) return {};
  EXPECT_EQ(s.error().kind, ProblemKind::kInvalid);
  return s.error().detail;
}

TEST(PdfStructure, ReadsAClassicTableAndItsTrailer) {
  const std::string pdf = classic_pdf();
  auto s = read_structure(pdf);
  ASSERT_TRUE(s) << s.error().detail;
  EXPECT_EQ(s->header_offset, 0u);
  EXPECT_EQ(s->startxref, pdf.find("xref\n"));
  EXPECT_FALSE(s->newest_is_xref_stream);
  EXPECT_FALSE(s->uses_xref_streams);
  EXPECT_EQ(s->size, 5u);
  EXPECT_EQ(*s->trailer.find("Root")->reference(), (Reference{1, 0}));
  ASSERT_EQ(s->table.size(), 5u);
  EXPECT_FALSE(s->table.at(0).in_use);
  EXPECT_EQ(s->table.at(3).offset, pdf.find("3 0 obj"));

  auto page = read_object(pdf, *s, 3);
  ASSERT_TRUE(page) << page.error().detail;
  EXPECT_EQ(page->reference, (Reference{3, 0}));
  EXPECT_EQ(page->object.dictionary()->find("Type")->name(), "Page");
  EXPECT_FALSE(page->is_stream);
  auto content = read_object(pdf, *s, 4);
  ASSERT_TRUE(content);
  EXPECT_TRUE(content->is_stream);
  auto pages = resolve(pdf, *s, make_reference(2));
  ASSERT_TRUE(pages);
  EXPECT_EQ(pages->dictionary()->find("Count")->integer(), 1);

  auto missing = read_object(pdf, *s, 9);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().detail, "PDF object 9 is not in the cross-reference table");
  auto free_object = read_object(pdf, *s, 0);
  ASSERT_FALSE(free_object);
  EXPECT_NE(free_object.error().detail.find("free"), std::string::npos);
}

TEST(PdfStructure, FollowsPrevThroughEarlierIncrementalUpdates) {
  std::string pdf = classic_pdf();
  const std::size_t first_xref = pdf.rfind("\nxref\n") + 1;
  pdf = add_revision(pdf, {{5, "<</Producer (update 1)>>"}}, "/Size 6 /Root 1 0 R /Info 5 0 R");
  const std::size_t second_xref = pdf.rfind("\nxref\n") + 1;
  pdf = add_revision(pdf, {{5, "<</Producer (update 2)>>"}, {3, "<</Type /Page /Parent 2 0 R>>"}},
                     "/Size 6 /Root 1 0 R /Info 5 0 R");
  auto s = read_structure(pdf);
  ASSERT_TRUE(s) << s.error().detail;
  EXPECT_EQ(s->startxref, pdf.rfind("\nxref\n") + 1);
  EXPECT_EQ(s->trailer.find("Prev")->integer(), static_cast<std::int64_t>(second_xref));
  EXPECT_NE(first_xref, second_xref);
  EXPECT_EQ(s->size, 6u);
  // The newest definition wins; objects only the first revision has are still found.
  auto info = read_object(pdf, *s, 5);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->object.dictionary()->find("Producer")->string()->bytes, "update 2");
  auto page = read_object(pdf, *s, 3);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->object.dictionary()->find("MediaBox"), nullptr);
  EXPECT_TRUE(read_object(pdf, *s, 4));
}

TEST(PdfStructure, AnObjectFreedByAnUpdateIsGone) {
  std::string pdf = classic_pdf();
  const std::size_t xref = pdf.size();
  pdf += "xref\n4 1\n0000000000 00001 f\r\ntrailer\n<</Size 5 /Root 1 0 R /Prev " +
         std::to_string(pdf.rfind("\nxref\n") + 1) + ">>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  auto s = read_structure(pdf);
  ASSERT_TRUE(s) << s.error().detail;
  auto freed = read_object(pdf, *s, 4);
  ASSERT_FALSE(freed);
  EXPECT_NE(freed.error().detail.find("PDF object 4 is free"), std::string::npos);
}

TEST(PdfStructure, ReadsAnXrefStreamDictionaryAndFindsObjectsByScanning) {
  const std::string pdf = xref_stream_sample();
  auto s = read_structure(pdf);
  ASSERT_TRUE(s) << s.error().detail;
  EXPECT_TRUE(s->newest_is_xref_stream);
  EXPECT_TRUE(s->uses_xref_streams);
  EXPECT_EQ(s->size, 6u);
  EXPECT_EQ(s->trailer.find("Type")->name(), "XRef");
  EXPECT_EQ(s->trailer.find("ID")->array()->items.size(), 2u);
  EXPECT_TRUE(s->table.empty());
  // 1..5 found; the "9 0 obj" inside the content stream is skipped with its data.
  ASSERT_EQ(s->scanned.size(), 5u);
  EXPECT_EQ(s->scanned.count(9), 0u);
  auto page = read_object(pdf, *s, 3);
  ASSERT_TRUE(page) << page.error().detail;
  EXPECT_EQ(page->offset, pdf.find("3 0 obj"));
  auto compressed = read_object(pdf, *s, 7);
  ASSERT_FALSE(compressed);
  EXPECT_EQ(compressed.error().detail, "PDF object 7 is not in the file");
}

TEST(PdfStructure, ScanKeepsTheLastDefinition) {
  const std::string pdf = "%PDF-1.4\n1 0 obj\n(old)\nendobj\n 1 0 obj (new) endobj\n2 0 obj 3";
  auto found = scan_objects(pdf);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found.at(1).offset, pdf.find(" 1 0 obj (new)") + 1);
}

TEST(PdfStructure, ObjectsInsideObjectStreamsMadeByQpdfAreRead) {
  if (!have("qpdf")) {
    GTEST_SKIP() << "qpdf not installed (scripts/setup.sh installs it)";
  }
  const fs::path dir = fresh_temp_dir("pdf-structure");
  write_file(dir / "in.pdf", classic_pdf());
  const std::string cmd = "qpdf --object-streams=generate '" + (dir / "in.pdf").string() + "' '" +
                          (dir / "out.pdf").string() + "'";
  const Ran made = run(cmd);
  ASSERT_EQ(made.status, 0) << cmd << "\n" << made.output;
  const std::string pdf = read_file(dir / "out.pdf");
  fs::remove_all(dir);
  auto s = read_structure(pdf);
  ASSERT_TRUE(s) << s.error().detail;
  EXPECT_TRUE(s->newest_is_xref_stream);
  EXPECT_FALSE(s->compressed.empty());
  const Reference root = *s->trailer.find("Root")->reference();
  ASSERT_EQ(s->compressed.count(root.number), 1u) << "qpdf put the catalog in an object stream";
  auto catalog = read_object(pdf, *s, root.number);
  ASSERT_TRUE(catalog) << catalog.error().detail;
  EXPECT_EQ(catalog->object.dictionary()->find("Type")->name(), "Catalog");
  EXPECT_FALSE(catalog->is_stream);
  // A broken object stream is refused, never half-read.
  std::string broken = pdf;
  const auto data = broken.find("stream", broken.find("/ObjStm"));
  ASSERT_NE(data, std::string::npos);
  broken[data + 10] = static_cast<char>(broken[data + 10] ^ 0x55);
  auto damaged = read_structure(broken);  // zlib's Adler-32 catches the flipped byte
  ASSERT_FALSE(damaged);
  EXPECT_NE(damaged.error().detail.find("does not inflate"), std::string::npos)
      << damaged.error().detail;
}

TEST(PdfStructure, RefusesWhatIsNotACompletePdf) {
  const std::string pdf = classic_pdf();
  EXPECT_EQ(error_of("hello"), "not a PDF: no %PDF- header in the first 1024 bytes");
  EXPECT_EQ(error_of(std::string(2000, ' ') + pdf),
            "not a PDF: no %PDF- header in the first 1024 bytes");
  EXPECT_NE(error_of(pdf.substr(0, pdf.size() / 2)).find("no startxref"), std::string::npos);
  EXPECT_NE(error_of(pdf.substr(0, pdf.size() - 7)).find("no %%EOF after the last startxref"),
            std::string::npos);
  EXPECT_NE(error_of(pdf + "1 0 obj\n<</Type").find("data after the last %%EOF"),
            std::string::npos);
  EXPECT_TRUE(read_structure(pdf + "\r\n\n"));  // trailing white space is fine

  std::string wrong_offset = pdf;
  const std::size_t at = wrong_offset.rfind("startxref\n") + 10;
  wrong_offset.replace(at, wrong_offset.find('\n', at) - at, "20");
  EXPECT_NE(error_of(wrong_offset).find("no cross-reference table or stream at byte 20"),
            std::string::npos);

  std::string loop = pdf;
  const std::size_t xref = loop.rfind("\nxref\n") + 1;
  loop.replace(loop.find("/Size 5"), 7, "/Size 5 /Prev " + std::to_string(xref));
  EXPECT_NE(error_of(loop).find("loops"), std::string::npos);

  EXPECT_NE(error_of(add_revision("", kPageObjects, "/Size 5")).find("no /Root"),
            std::string::npos);
}

TEST(PdfStructure, AnObjectElsewhereThanTheTableSaysIsABrokenFile) {
  std::string pdf = classic_pdf();
  pdf.insert(pdf.find("3 0 obj"), "7 ");  // shifts 3 and 4 but not the table
  const std::size_t xref = pdf.rfind("\nxref\n") + 1;
  pdf.replace(pdf.rfind("startxref\n") + 10, std::to_string(xref - 2).size(), std::to_string(xref));
  auto s = read_structure(pdf);
  ASSERT_TRUE(s) << s.error().detail;
  auto page = read_object(pdf, *s, 3);
  ASSERT_FALSE(page);
  EXPECT_NE(page.error().detail.find("broken PDF: PDF object 3 is not at byte"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::security::signing::pdf
