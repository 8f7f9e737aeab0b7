#pragma once

#include <memory>
#include <optional>

#include "core/http/types.hpp"
#include "sandbox/paygov/paygov_mock.hpp"

namespace lienthong::sandbox::paygov {

/// The paygov mock's own part of the testers' control API (not logged, never faulted):
/// - `GET /_sandbox/payments/{ref}` — the mock's record of a payment, its IPNs and answers;
/// - `POST /_sandbox/payments/{ref}/pay|cancel` `{"ipn": mode, "delay_ms": N}` (optional) —
///   settles it as the payer would and notifies the partner as `ipn` says;
/// - `GET|POST|DELETE /_sandbox/reconciliation/{yyyyMMdd}` — shows, plants (replacing the
///   day's earlier plant) or clears mismatches in that day's DOI_SOAT list.
/// `/_sandbox/requests` and `/_sandbox/faults` are the shared control API's (nullopt here).
class TesterControls {
 public:
  explicit TesterControls(std::shared_ptr<PaygovMock> mock);

  /// The answer to a control request of this mock, nullopt for any other request.
  std::optional<http::Response> handle(const http::Request& request);

 private:
  http::Response payment_route(const http::Request& request, std::string_view rest);
  http::Response reconciliation_route(const http::Request& request, std::string_view day);

  std::shared_ptr<PaygovMock> mock_;
};

}  // namespace lienthong::sandbox::paygov
