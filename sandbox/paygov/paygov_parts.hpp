#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "core/base/problem.hpp"
#include "sandbox/paygov/ipn_sender.hpp"
#include "sandbox/paygov/paygov_mock.hpp"
#include "sandbox/paygov/tester_controls.hpp"

namespace lienthong::sandbox::paygov {

/// Everything the paygov mock is built from (SandboxOptions' paygov_* keys).
struct PaygovSetup {
  PaygovOptions mock;
  std::string ipn_url = "http://127.0.0.1:8080/inbound/paygov/payment-notice";
  std::string ipn_key = "sandbox-paygov-ipn-key";
  int ipn_resends = 3;
  std::chrono::milliseconds ipn_resend_delay{300};
};

/// The mock's pieces, sharing one payment book: the business handler (for MockEndpoint), the
/// tester controls served in front of the shared control API, and the IPN sender to stop.
struct PaygovParts {
  std::shared_ptr<PaygovMock> mock;
  std::shared_ptr<TesterControls> controls;
  std::shared_ptr<IpnSender> sender;
};

/// Builds them; IPNs go out on `executor`. Fails when ipn_url is not an http(s) URL.
Result<PaygovParts> make_paygov(boost::asio::any_io_executor executor, PaygovSetup setup);

}  // namespace lienthong::sandbox::paygov
