#include "sandbox/paygov/pdf_writer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "sandbox/paygov/init_message.hpp"
#include "sandbox/paygov/receipt.hpp"
#include "tests/support/run_command.hpp"
#include "tests/unit/sandbox/paygov/paygov_test_support.hpp"

namespace lienthong::sandbox::paygov {
namespace {

using namespace std::chrono_literals;
namespace ts = test_support;

bool have(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

Payment paid_payment() {
  Partner partner{ts::kPartner, ts::kSecret};
  auto init = check_init(ts::init_message("HS-0042"), CheckContext{partner, ts::fixed_now()});
  EXPECT_TRUE(init);
  Payment p{*init, PaymentLifecycle(ts::fixed_now(), 900s)};
  EXPECT_TRUE(p.lifecycle.apply(PaymentEvent::kPay, ts::fixed_now() + 65s));
  p.state = PaymentState::kPaid;
  p.transaction_id = "PG20250701093105000001";
  return p;
}

std::filesystem::path write_temp(const std::string& name, const std::string& bytes) {
  const auto path =
      std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(PaygovPdfWriterTest, EscapesLiteralStrings) {
  EXPECT_EQ(pdf_string("a(b)c\\d"), "(a\\(b\\)c\\\\d)");
  EXPECT_EQ(pdf_string("x\ny\xC3"), "(x y?)");
}

TEST(PaygovPdfWriterTest, CrossReferenceOffsetsPointAtTheObjects) {
  const auto pdf = write_pdf(PdfPage{"T", {{"Hello (world)"}, {"Second", 14, true}}});
  ASSERT_TRUE(pdf.starts_with("%PDF-1.4\n"));
  ASSERT_TRUE(pdf.ends_with("%%EOF\n"));
  // startxref names the byte where "xref" starts.
  const auto startxref = pdf.rfind("startxref\n");
  ASSERT_NE(startxref, std::string::npos);
  const auto xref = std::stoul(pdf.substr(startxref + 10));
  ASSERT_EQ(pdf.compare(xref, 5, "xref\n"), 0);
  // Seven objects, each entry 20 bytes, each offset at "N 0 obj".
  ASSERT_EQ(pdf.compare(xref + 5, 4, "0 8\n"), 0);
  const auto entries = xref + 9;
  EXPECT_EQ(pdf.substr(entries, 20), "0000000000 65535 f \n");
  for (int i = 1; i <= 7; ++i) {
    const auto entry = pdf.substr(entries + 20 * i, 20);
    ASSERT_TRUE(std::regex_match(entry, std::regex("[0-9]{10} 00000 n \n"))) << entry;
    const auto offset = std::stoul(entry.substr(0, 10));
    const auto label = std::to_string(i) + " 0 obj\n";
    EXPECT_EQ(pdf.compare(offset, label.size(), label), 0) << i;
  }
  // The stream's /Length is its exact size.
  const auto length_at = pdf.find("/Length ");
  const auto length = std::stoul(pdf.substr(length_at + 8));
  const auto data = pdf.find("stream\n", length_at) + 7;
  EXPECT_EQ(pdf.compare(data + length, 10, "\nendstream"), 0);
}

TEST(PaygovPdfWriterTest, ReceiptFoldsToAsciiAndShowsTheEssentials) {
  const auto page = receipt_page(paid_payment());
  std::string all;
  for (const auto& line : page.lines) {
    for (const char c : line.text) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << line.text;
    all += line.text + "\n";
  }
  EXPECT_NE(all.find("Ma tham chieu: HS-0042"), std::string::npos) << all;
  EXPECT_NE(all.find("Nguoi nop: Nguyen Van An"), std::string::npos) << all;
  EXPECT_NE(all.find("Tong so tien: 150.000 VND"), std::string::npos) << all;
  EXPECT_NE(all.find("Le phi cap giay phep: 100.000 VND"), std::string::npos) << all;
  EXPECT_NE(all.find("01/07/2025 09:31:05"), std::string::npos) << all;
  EXPECT_EQ(receipt_file_name("HS-0042"), "bienlai-HS-0042.pdf");
}

TEST(PaygovPdfWriterTest, WrapsLongTextAtSpaces) {
  EXPECT_EQ(wrap("aaa bbb ccc", 7), (std::vector<std::string>{"aaa bbb", "ccc"}));
  EXPECT_EQ(wrap("abcdefghij", 4), (std::vector<std::string>{"abcd", "efgh", "ij"}));
  EXPECT_EQ(wrap("", 4), (std::vector<std::string>{""}));
}

TEST(PaygovPdfWriterTest, PdftotextReadsTheReceipt) {
  if (!have("pdftotext")) {
    GTEST_SKIP() << "pdftotext (Debian package poppler-utils) is not installed";
  }
  const auto path = write_temp("paygov-receipt", receipt_pdf(paid_payment()));
  const auto text = testing::run_command("pdftotext -layout '" + path.string() + "' -");
  std::filesystem::remove(path);
  EXPECT_NE(text.find("HS-0042"), std::string::npos) << text;
  EXPECT_NE(text.find("150.000"), std::string::npos) << text;
  EXPECT_NE(text.find("Nguyen Van An"), std::string::npos) << text;
  EXPECT_EQ(text.find("Syntax Error"), std::string::npos) << text;
  EXPECT_EQ(text.find("Error"), std::string::npos) << text;
}

TEST(PaygovPdfWriterTest, QpdfFindsNoProblem) {
  if (!have("qpdf")) GTEST_SKIP() << "qpdf is not installed";
  const auto path = write_temp("paygov-qpdf", receipt_pdf(paid_payment()));
  const auto out = testing::run_command("qpdf --check '" + path.string() + "'; echo rc=$?");
  std::filesystem::remove(path);
  EXPECT_NE(out.find("No syntax or stream encoding errors found"), std::string::npos) << out;
  EXPECT_NE(out.find("rc=0"), std::string::npos) << out;
  EXPECT_EQ(out.find("WARNING"), std::string::npos) << out;
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
