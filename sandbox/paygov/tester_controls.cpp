#include "sandbox/paygov/tester_controls.hpp"

#include "sandbox/paygov/ipn_order.hpp"
#include "sandbox/paygov/reconciliation.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::paygov {
namespace {

namespace bhttp = http::beast::http;

constexpr std::string_view kPayments = "/_sandbox/payments/";
constexpr std::string_view kReconciliation = "/_sandbox/reconciliation/";

http::Response method_not_allowed(const http::Request& request, std::string_view allow) {
  auto response = problem_response(request, ProblemKind::kMethodNotAllowed,
                                   "allowed methods: " + std::string(allow));
  response.set(bhttp::field::allow, allow);
  return response;
}

nlohmann::json day_view(PaymentBook& book, const std::string& day, TimePoint now) {
  auto list = nlohmann::json::array();
  for (const auto& entry : book.day_list(day, now)) list.push_back(to_json(entry));
  const auto plant = book.plant_of(day);
  return {{"NgayDoiSoat", day},
          {"plant", plant ? to_json(*plant) : nlohmann::json(nullptr)},
          {"DanhSachGiaoDich", std::move(list)}};
}

}  // namespace

TesterControls::TesterControls(std::shared_ptr<PaygovMock> mock) : mock_(std::move(mock)) {}

std::optional<http::Response> TesterControls::handle(const http::Request& request) {
  const std::string_view target = request.target();
  const auto path = target.substr(0, target.find('?'));
  if (path.starts_with(kPayments)) return payment_route(request, path.substr(kPayments.size()));
  if (path.starts_with(kReconciliation)) {
    return reconciliation_route(request, path.substr(kReconciliation.size()));
  }
  return std::nullopt;
}

http::Response TesterControls::payment_route(const http::Request& request, std::string_view rest) {
  const auto slash = rest.find('/');
  const auto reference = rest.substr(0, slash);
  const auto action = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (!valid_reference(reference) || (!action.empty() && action != "/pay" && action != "/cancel")) {
    return problem_response(request, ProblemKind::kNotFound,
                            "use /_sandbox/payments/{MaThamChieu}[/pay|/cancel]");
  }
  const auto& book = mock_->book();
  if (action.empty()) {
    if (request.method() != bhttp::verb::get) return method_not_allowed(request, "GET");
    const auto payment = book->find(reference, mock_->now());
    if (!payment) {
      return problem_response(request, ProblemKind::kNotFound,
                              "no payment with MaThamChieu " + std::string(reference));
    }
    return json_response(request, bhttp::status::ok, to_json(*payment));
  }
  if (request.method() != bhttp::verb::post) return method_not_allowed(request, "POST");
  auto order = parse_ipn_order(request.body());
  if (!order) {
    return problem_response(request, ProblemKind::kInvalid, "the IPN order is invalid",
                            order.error());
  }
  const auto event = action == "/pay" ? PaymentEvent::kPay : PaymentEvent::kCancel;
  auto settled = mock_->settle(reference, event, *order);
  if (!settled) {
    if (!settled.error().illegal) {
      return problem_response(request, ProblemKind::kNotFound,
                              "no payment with MaThamChieu " + std::string(reference));
    }
    return problem_response(request, ProblemKind::kConflict, settled.error().illegal->describe());
  }
  return json_response(request, bhttp::status::ok, to_json(*settled));
}

http::Response TesterControls::reconciliation_route(const http::Request& request,
                                                    std::string_view day) {
  if (!parse_day(day)) {
    return problem_response(request, ProblemKind::kNotFound,
                            "use /_sandbox/reconciliation/{yyyyMMdd} with a real day");
  }
  const std::string key(day);
  auto& book = *mock_->book();
  switch (request.method()) {
    case bhttp::verb::get:
      return json_response(request, bhttp::status::ok, day_view(book, key, mock_->now()));
    case bhttp::verb::delete_: {
      book.clear_plant(key);
      http::Response response{bhttp::status::no_content, request.version()};
      response.keep_alive(request.keep_alive());
      return response;
    }
    case bhttp::verb::post: {
      auto plant = parse_plant(request.body());
      if (!plant) {
        return problem_response(request, ProblemKind::kInvalid,
                                "the reconciliation plant is invalid", plant.error());
      }
      book.plant(key, std::move(plant).value());
      return json_response(request, bhttp::status::ok, day_view(book, key, mock_->now()));
    }
    default:
      return method_not_allowed(request, "GET, POST, DELETE");
  }
}

}  // namespace lienthong::sandbox::paygov
