#pragma once

#include <string>
#include <string_view>

#include "sandbox/paygov/payment.hpp"

namespace lienthong::sandbox::paygov {

/// `text` safe inside HTML text and attribute values: & < > " ' as character references.
std::string html_escape(std::string_view text);

/// `GET /pay/{MaThamChieu}`: the amount, the fee lines, the payer and the description, with
/// the buttons Pay and Cancel (forms posting to `/pay/{ref}/pay` and `/pay/{ref}/cancel`)
/// while the payment awaits payment, else its state. Every value is escaped.
std::string payment_page(const Payment& payment);

/// The page after Pay or Cancel (`title` e.g. "Thanh toán thành công"), and error pages.
std::string message_page(std::string_view title, std::string_view text);

}  // namespace lienthong::sandbox::paygov
