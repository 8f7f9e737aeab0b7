#include "sandbox/paygov/receipt.hpp"

#include "core/mapping/filters/unicode.hpp"
#include "sandbox/paygov/money.hpp"

namespace lienthong::sandbox::paygov {
namespace {

constexpr std::size_t kWidth = 86;  // characters of 11 pt Helvetica across the text block

std::string ascii(std::string_view text) {
  return mapping::detail::to_ascii(text);
}

// "dd/MM/yyyy HH:mm:ss" of a yyyyMMddHHmmss text.
std::string human_time(const std::string& t) {
  if (t.size() != 14) return t;
  return t.substr(6, 2) + "/" + t.substr(4, 2) + "/" + t.substr(0, 4) + " " + t.substr(8, 2) + ":" +
         t.substr(10, 2) + ":" + t.substr(12, 2);
}

void add(PdfPage& page, std::string_view label, std::string_view value) {
  bool first = true;
  for (auto& part : wrap(std::string(label) + ascii(value), kWidth)) {
    page.lines.push_back(PdfLine{first ? std::move(part) : "    " + part});
    first = false;
  }
}

}  // namespace

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  while (text.size() > width) {
    auto cut = text.rfind(' ', width);
    if (cut == std::string_view::npos || cut == 0) cut = width;
    lines.emplace_back(text.substr(0, cut));
    text.remove_prefix(cut);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  }
  if (!text.empty() || lines.empty()) lines.emplace_back(text);
  return lines;
}

std::string receipt_file_name(std::string_view reference) {
  return "bienlai-" + std::string(reference) + ".pdf";
}

PdfPage receipt_page(const Payment& payment) {
  const auto& init = payment.init;
  const auto& receipt = init.receipt;
  PdfPage page;
  page.title = "Bien lai " + init.reference;
  page.lines.push_back({"BIEN LAI THU PHI, LE PHI", 16, true});
  page.lines.push_back(
      {"Nen tang thanh toan truc tuyen (sandbox, khong co gia tri thanh toan)", 9});
  page.lines.push_back({"", 6});
  add(page, "Ma tham chieu: ", init.reference);
  add(page, "Ma giao dich: ", payment.transaction_id);
  if (const auto paid = payment.lifecycle.settled_at()) {
    add(page, "Thoi gian thanh toan: ", human_time(format_timestamp(*paid)));
  }
  add(page, "Noi dung: ", init.description);
  add(page, "Ma ho so: ", receipt.dossier);
  add(page, "Thu tuc: ", receipt.procedure);
  add(page, "Don vi thu: ", receipt.agency);
  add(page, "Tai khoan thu huong: ", receipt.account + " (" + receipt.account_bank + ")");
  add(page, "Nguoi nop: ", receipt.payer_name);
  page.lines.push_back({"", 6});
  page.lines.push_back({"Cac khoan phi, le phi:", 11, true});
  for (const auto& fee : receipt.fees) {
    add(page, "- ", fee.name + ": " + format_vnd(fee.amount) + " VND");
  }
  page.lines.push_back({"", 6});
  page.lines.push_back({"Tong so tien: " + format_vnd(init.amount) + " VND", 12, true});
  return page;
}

std::string receipt_pdf(const Payment& payment) {
  return write_pdf(receipt_page(payment));
}

}  // namespace lienthong::sandbox::paygov
