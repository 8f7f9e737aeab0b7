#include "sandbox/paygov/paygov_mock.hpp"

#include <boost/beast/core/string.hpp>

#include "core/base/base64.hpp"
#include "sandbox/paygov/checksum.hpp"
#include "sandbox/paygov/field_reader.hpp"
#include "sandbox/paygov/init_message.hpp"
#include "sandbox/paygov/lookup_message.hpp"
#include "sandbox/paygov/payment_page.hpp"
#include "sandbox/paygov/receipt.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::paygov {
namespace {

namespace bhttp = http::beast::http;
using Json = nlohmann::json;

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kSuccess = "Thành công";

http::Response answer(const http::Request& request, std::string_view code, std::string message,
                      Json extra = Json::object()) {
  Json body = {{"error_code", code}, {"message", std::move(message)}};
  for (auto& [key, value] : extra.items()) body[key] = std::move(value);
  return json_response(request, bhttp::status::ok, body);
}

http::Response refusal(const http::Request& request, const WireError& error) {
  return answer(request, error.code, error.message);
}

http::Response no_payment(const http::Request& request) {
  return answer(request, error_code::kNoSuchPayment, "Không tìm thấy giao dịch (no such payment)");
}

http::Response html(const http::Request& request, bhttp::status status, std::string body) {
  return make_response(request, status, kHtml, std::move(body));
}

std::string path_of(std::string_view target) {
  return std::string(target.substr(0, target.find('?')));
}

// The payment page's address as the caller reached the mock (its Host header), so the link
// works on whatever port the mock was given.
std::string page_url(const http::Request& request, std::string_view reference) {
  std::string host = "127.0.0.1:9104";
  if (const auto it = request.find(bhttp::field::host); it != request.end()) {
    const std::string_view value = it->value();
    const bool clean = !value.empty() && value.size() < 256 &&
                       value.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW"
                           "XYZ0123456789.-:[]") == std::string_view::npos;
    if (clean) host = std::string(value);
  }
  return "http://" + host + std::string(kPagePrefix) + std::string(reference);
}

Json query_fields(const Payment& payment) {
  Json out = {{"MaThamChieu", payment.init.reference},
              {"SoTien", payment.init.amount},
              {"TrangThaiGD", state_code(payment.state)}};
  if (payment.state == PaymentState::kPaid) {
    out["MaGiaoDich"] = payment.transaction_id;
    out["ThoiGianThanhToan"] = format_timestamp(*payment.lifecycle.settled_at());
  }
  return out;
}

}  // namespace

PaygovMock::PaygovMock(PaygovOptions options, std::shared_ptr<PaymentBook> book,
                       IpnDispatch dispatch)
    : options_(std::move(options)), book_(std::move(book)), dispatch_(std::move(dispatch)) {}

bool PaygovMock::authorised(const http::Request& request) const {
  const auto it = request.find(bhttp::field::authorization);
  if (it == request.end()) return false;
  const std::string_view value = it->value();
  constexpr std::string_view kScheme = "Bearer ";
  return value.size() > kScheme.size() &&
         boost::beast::iequals(value.substr(0, kScheme.size()), kScheme) &&
         checksum_matches(value.substr(kScheme.size()), options_.token);
}

http::Response PaygovMock::handle(const http::Request& request) {
  const auto path = path_of(request.target());
  if (path == kApiPath) return api(request);
  if (path.starts_with(kPagePrefix)) {
    return page(request, std::string_view(path).substr(kPagePrefix.size()));
  }
  return json_response(
      request, bhttp::status::not_found,
      {{"error_code", "404"},
       {"message", "Không có tài nguyên này; dùng POST " + std::string(kApiPath)}});
}

http::Response PaygovMock::injected_failure(const http::Request& request) {
  return json_response(
      request, bhttp::status::internal_server_error,
      {{"error_code", error_code::kInternal}, {"message", "Lỗi hệ thống, vui lòng thử lại sau"}});
}

http::Response PaygovMock::api(const http::Request& request) {
  // The gateway authenticates before it looks at anything else.
  if (!authorised(request)) {
    auto response = json_response(request, bhttp::status::unauthorized,
                                  {{"error_code", error_code::kUnauthorized},
                                   {"message", "Thiếu hoặc sai mã truy cập (bearer token)"}});
    response.set(bhttp::field::www_authenticate, "Bearer");
    return response;
  }
  if (request.method() != bhttp::verb::post) {
    auto response = json_response(request, bhttp::status::method_not_allowed,
                                  {{"error_code", "405"}, {"message", "Chỉ chấp nhận POST"}});
    response.set(bhttp::field::allow, "POST");
    return response;
  }
  const auto type = request.find(bhttp::field::content_type);
  const std::string_view media =
      type == request.end() ? std::string_view() : std::string_view(type->value());
  if (!boost::beast::iequals(media.substr(0, media.find(';')), "application/json")) {
    return refusal(request, invalid("Dữ liệu không hợp lệ: Content-Type phải là application/json"));
  }
  const auto message = Json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
  if (!message.is_object()) {
    return refusal(request, invalid("Dữ liệu không hợp lệ: thân yêu cầu không phải JSON"));
  }
  const auto kind = message.find("LoaiBanTin");
  const std::string name =
      kind != message.end() && kind->is_string() ? kind->get<std::string>() : std::string();
  if (name == kInit) return init(request, message);
  if (name == kQuery || name == kGetBill) return lookup(request, message);
  if (name == kReconcile) return reconcile(request, message);
  return refusal(request, invalid("Dữ liệu không hợp lệ: LoaiBanTin phải là INIT, QUERY, "
                                  "GET_BILL hoặc DOI_SOAT"));
}

http::Response PaygovMock::init(const http::Request& request, const Json& message) {
  const auto at = now();
  auto checked = check_init(message, CheckContext{options_.partner, at, options_.time_window});
  if (!checked) return refusal(request, checked.error());
  auto created = book_->create(std::move(checked).value(), at);
  if (!created) {
    return answer(request, error_code::kReferenceUsed,
                  "Mã tham chiếu đã được sử dụng (MaThamChieu already used)");
  }
  const Json inner = {{"UrlThanhToan", page_url(request, created->init.reference)},
                      {"ThoiHanThanhToan", format_timestamp(created->lifecycle.expires_at())}};
  return answer(request, error_code::kOk, dump_json(inner));
}

http::Response PaygovMock::lookup(const http::Request& request, const Json& message) {
  const auto at = now();
  auto checked = check_lookup(message, CheckContext{options_.partner, at, options_.time_window});
  if (!checked) return refusal(request, checked.error());
  const auto payment = book_->find(checked->reference, at);
  if (!payment) return no_payment(request);
  if (checked->type == kQuery) {
    return answer(request, error_code::kOk, std::string(kSuccess), query_fields(*payment));
  }
  if (payment->state != PaymentState::kPaid) {
    return answer(request, error_code::kNoSuchPayment,
                  "Giao dịch chưa được thanh toán, không có biên lai (not paid)");
  }
  return answer(request, error_code::kOk, std::string(kSuccess),
                {{"TenFile", receipt_file_name(payment->init.reference)},
                 {"NoiDungFile", base64_encode(receipt_pdf(*payment))}});
}

http::Response PaygovMock::reconcile(const http::Request& request, const Json& message) {
  const auto at = now();
  auto checked = check_reconcile(message, CheckContext{options_.partner, at, options_.time_window});
  if (!checked) return refusal(request, checked.error());
  auto list = Json::array();
  for (const auto& entry : book_->day_list(checked->day, at)) list.push_back(to_json(entry));
  return answer(request, error_code::kOk, std::string(kSuccess),
                {{"DanhSachGiaoDich", std::move(list)}});
}

Result<Payment, SettleRefusal> PaygovMock::settle(std::string_view reference, PaymentEvent event,
                                                  const IpnOrder& order) {
  auto settled = book_->settle(reference, event, now());
  if (settled && dispatch_) {
    if (auto job = plan_ipn(*settled, options_.partner, order)) dispatch_(std::move(*job));
  }
  return settled;
}

http::Response PaygovMock::page(const http::Request& request, std::string_view rest) {
  const auto slash = rest.find('/');
  const auto reference = rest.substr(0, slash);
  const auto action = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (!valid_reference(reference) || (!action.empty() && action != "/pay" && action != "/cancel")) {
    return html(request, bhttp::status::not_found,
                message_page("Không tìm thấy", "Trang thanh toán này không tồn tại."));
  }
  const auto expected = action.empty() ? bhttp::verb::get : bhttp::verb::post;
  if (request.method() != expected) {
    auto response = html(request, bhttp::status::method_not_allowed,
                         message_page("Không được phép", "Phương thức không được hỗ trợ."));
    response.set(bhttp::field::allow, action.empty() ? "GET" : "POST");
    return response;
  }
  if (action.empty()) {
    const auto payment = book_->find(reference, now());
    if (!payment) {
      return html(request, bhttp::status::not_found,
                  message_page("Không tìm thấy", "Không có giao dịch với mã tham chiếu này."));
    }
    return html(request, bhttp::status::ok, payment_page(*payment));
  }
  const bool pay = action == "/pay";
  auto settled = settle(reference, pay ? PaymentEvent::kPay : PaymentEvent::kCancel, IpnOrder{});
  if (!settled) {
    if (!settled.error().illegal) {
      return html(request, bhttp::status::not_found,
                  message_page("Không tìm thấy", "Không có giao dịch với mã tham chiếu này."));
    }
    return html(request, bhttp::status::conflict,
                message_page("Không thực hiện được",
                             "Giao dịch không còn chờ thanh toán (" +
                                 std::string(state_name(settled.error().illegal->from)) + ")."));
  }
  return pay ? html(request, bhttp::status::ok,
                    message_page("Thanh toán thành công",
                                 "Giao dịch " + settled->init.reference +
                                     " đã được thanh toán: " + settled->transaction_id + "."))
             : html(request, bhttp::status::ok,
                    message_page("Đã hủy giao dịch",
                                 "Giao dịch " + settled->init.reference + " đã được hủy."));
}

}  // namespace lienthong::sandbox::paygov
