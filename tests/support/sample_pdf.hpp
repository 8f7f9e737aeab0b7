// Sample documents for the signing tests and the PAdES benchmark: small, valid, made in code.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace lienthong::testing {

/// A one-page PDF 1.4 with a classic xref table; `padding` bytes of an extra stream object make
/// it as large as a test needs.
inline std::string sample_pdf(std::size_t padding = 0) {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  const std::string text = "BT /F1 18 Tf 40 60 Td (Quyet dinh so 01/QD-UBND) Tj ET";
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 120] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>");
  object("<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "\nendstream");
  object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  if (padding > 0) {
    std::string filler(padding, 'A');
    for (std::size_t i = 0; i < filler.size(); i += 64) filler[i] = '\n';
    object("<< /Length " + std::to_string(filler.size()) + " >>\nstream\n" + filler +
           "\nendstream");
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (const auto at : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", at);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace lienthong::testing
