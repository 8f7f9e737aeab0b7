#include "sandbox/paygov/payment_page.hpp"

#include "sandbox/paygov/money.hpp"

namespace lienthong::sandbox::paygov {
namespace {

std::string document(std::string_view title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         html_escape(title) +
         "</title>\n<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}"
         "table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;"
         "text-align:left}td.amount{text-align:right}form{display:inline}"
         "button{font-size:1.1em;margin:1em .5em 0 0}</style>\n</head>\n<body>\n" +
         body + "</body>\n</html>\n";
}

std::string state_text(PaymentState state) {
  switch (state) {
    case PaymentState::kAwaitingPayment:
      return "Chờ thanh toán";
    case PaymentState::kPaid:
      return "Đã thanh toán";
    case PaymentState::kCancelled:
      return "Đã hủy";
    case PaymentState::kExpired:
      return "Đã hết hạn";
  }
  return "";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string payment_page(const Payment& payment) {
  const auto& init = payment.init;
  const auto ref = html_escape(init.reference);
  std::string body = "<h1>Thanh toán trực tuyến</h1>\n<p>" + html_escape(init.description) +
                     "</p>\n<p>Mã tham chiếu: <code>" + ref +
                     "</code></p>\n<p>Người nộp: " + html_escape(init.receipt.payer_name) +
                     "</p>\n<p>Hồ sơ: " + html_escape(init.receipt.dossier) + "</p>\n";
  body += "<table>\n<tr><th>Khoản phí, lệ phí</th><th>Số tiền (VND)</th></tr>\n";
  for (const auto& fee : init.receipt.fees) {
    body += "<tr><td>" + html_escape(fee.name) + "</td><td class=\"amount\">" +
            html_escape(format_vnd(fee.amount)) + "</td></tr>\n";
  }
  body += "<tr><th>Tổng cộng</th><th class=\"amount\" id=\"amount\">" +
          html_escape(format_vnd(init.amount)) + "</th></tr>\n</table>\n";
  body += "<p>Trạng thái: <strong id=\"state\">" + html_escape(state_text(payment.state)) +
          "</strong></p>\n";
  if (payment.state == PaymentState::kAwaitingPayment) {
    body += "<p>Hạn thanh toán: " + html_escape(format_iso(payment.lifecycle.expires_at())) +
            "</p>\n<form method=\"post\" action=\"/pay/" + ref +
            "/pay\"><button type=\"submit\">Thanh toán</button></form>\n"
            "<form method=\"post\" action=\"/pay/" +
            ref + "/cancel\"><button type=\"submit\">Hủy</button></form>\n";
  }
  return document("Thanh toán " + init.reference, body);
}

std::string message_page(std::string_view title, std::string_view text) {
  return document(title, "<h1>" + html_escape(title) + "</h1>\n<p>" + html_escape(text) + "</p>\n");
}

}  // namespace lienthong::sandbox::paygov
