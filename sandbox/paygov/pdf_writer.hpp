#pragma once

#include <string>
#include <vector>

namespace lienthong::sandbox::paygov {

/// One line of text on the page.
struct PdfLine {
  std::string text;  ///< ASCII (other bytes print as '?': fold the text first)
  double size = 11;  ///< font size in points
  bool bold = false;
};

struct PdfPage {
  std::string title;  ///< the document's /Title (ASCII)
  std::vector<PdfLine> lines;
};

/// A one-page A4 PDF 1.4 document with the lines top-down in the standard Helvetica fonts.
///
/// Written by hand because no PDF library is among the hub's allowed dependencies (Debian
/// packages listed in scripts/setup.sh) and a receipt needs only a few objects: catalog, page
/// tree, one page, two standard Type 1 fonts, one content stream and the document info, with a
/// cross-reference table of exact byte offsets. The standard fonts need no embedding but know
/// only WinAnsi characters, hence ASCII text. Lines that do not fit on the page are left out.
std::string write_pdf(const PdfPage& page);

/// `text` as a PDF literal string: parentheses and backslashes escaped, control characters as
/// spaces, bytes outside ASCII as '?'.
std::string pdf_string(std::string_view text);

}  // namespace lienthong::sandbox::paygov
