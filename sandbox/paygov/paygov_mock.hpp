#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "sandbox/mock_handler.hpp"
#include "sandbox/paygov/ipn_message.hpp"
#include "sandbox/paygov/partner.hpp"
#include "sandbox/paygov/payment_book.hpp"

namespace lienthong::sandbox::paygov {

struct PaygovOptions {
  Partner partner;
  std::string token = "sandbox-paygov-token";  ///< bearer token of the partner's requests
  std::chrono::seconds expiry{900};            ///< a payment's time to be paid (paygov_expiry_s)
  std::chrono::seconds time_window{900};       ///< allowed skew of a request's ThoiGianGD
  NowFn now;
};

/// Hands a planned IPN to whoever sends it (IpnSender::dispatch; tests collect them).
using IpnDispatch = std::function<void(IpnJob)>;

/// The national payment platform (Nền tảng thanh toán trực tuyến), strictly
/// (connectors/paygov/WIRE.md): `POST /api/thanhtoan` with `Authorization: Bearer <token>`,
/// dispatched on LoaiBanTin (INIT, QUERY, GET_BILL, DOI_SOAT), every check of WIRE.md; the
/// payer's page `GET /pay/{ref}` with its Pay and Cancel forms (`POST /pay/{ref}/pay|cancel`),
/// which settle the payment and send its IPN. Answers are HTTP 200 `{"error_code", "message",
/// …}`; 401 `{"error_code":"401"}` without the token.
class PaygovMock final : public MockHandler {
 public:
  PaygovMock(PaygovOptions options, std::shared_ptr<PaymentBook> book, IpnDispatch dispatch);

  http::Response handle(const http::Request& request) override;
  http::Response injected_failure(const http::Request& request) override;

  /// Pays or cancels `reference` now and hands its IPN (as `order` says) to the dispatcher:
  /// the page's buttons and the tester's controls both come here.
  Result<Payment, SettleRefusal> settle(std::string_view reference, PaymentEvent event,
                                        const IpnOrder& order);

  [[nodiscard]] const std::shared_ptr<PaymentBook>& book() const { return book_; }
  [[nodiscard]] TimePoint now() const { return now_of(options_.now); }

 private:
  http::Response api(const http::Request& request);
  http::Response init(const http::Request& request, const nlohmann::json& message);
  http::Response lookup(const http::Request& request, const nlohmann::json& message);
  http::Response reconcile(const http::Request& request, const nlohmann::json& message);
  http::Response page(const http::Request& request, std::string_view rest);
  [[nodiscard]] bool authorised(const http::Request& request) const;

  PaygovOptions options_;
  std::shared_ptr<PaymentBook> book_;
  IpnDispatch dispatch_;
};

}  // namespace lienthong::sandbox::paygov
