#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sandbox/paygov/payment.hpp"
#include "sandbox/paygov/pdf_writer.hpp"

namespace lienthong::sandbox::paygov {

/// `bienlai-<MaThamChieu>.pdf`, GET_BILL's TenFile.
std::string receipt_file_name(std::string_view reference);

/// The receipt of a paid payment as page lines: reference, transaction, dossier, payer, fee
/// lines, total, payment time. Every text is folded to ASCII (the PDF's standard fonts cannot
/// show Vietnamese diacritics: "Nguyễn Văn An" prints "Nguyen Van An"), long ones wrapped.
PdfPage receipt_page(const Payment& payment);

/// The receipt as a PDF document (write_pdf of receipt_page).
std::string receipt_pdf(const Payment& payment);

/// `text` cut into lines of at most `width` characters, at spaces where it can.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

}  // namespace lienthong::sandbox::paygov
