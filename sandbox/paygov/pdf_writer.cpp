#include "sandbox/paygov/pdf_writer.hpp"

#include <cstdio>
#include <string_view>

namespace lienthong::sandbox::paygov {
namespace {

constexpr double kPageWidth = 595;  // A4 in points
constexpr double kPageHeight = 842;
constexpr double kMargin = 56;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string content_stream(const PdfPage& page) {
  std::string out;
  double y = kPageHeight - kMargin;
  for (const auto& line : page.lines) {
    y -= line.size * 1.4;
    if (y < kMargin) break;  // one page only
    out += "BT /" + std::string(line.bold ? "F2 " : "F1 ") + number(line.size) + " Tf " +
           number(kMargin) + " " + number(y) + " Td " + pdf_string(line.text) + " Tj ET\n";
  }
  return out;
}

}  // namespace

std::string pdf_string(std::string_view text) {
  std::string out = "(";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += ' ';
    } else if (byte > 0x7f) {
      out += '?';
    } else {
      out += c;
    }
  }
  out += ')';
  return out;
}

std::string write_pdf(const PdfPage& page) {
  const auto stream = content_stream(page);
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(kPageWidth) + " " +
          number(kPageHeight) +
          "] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Title " + pdf_string(page.title) + " /Producer (Lien Thong Hub sandbox) >>",
  };
  // The binary comment line tells transfer tools the file is binary (PDF 1.4, 7.5.2).
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n";
  // Every entry is exactly 20 bytes, its end of line " \n" (PDF 1.4, 3.4.3).
  pdf += "0000000000 65535 f \n";
  for (const auto offset : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 7 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace lienthong::sandbox::paygov
