#include "sandbox/paygov/paygov_parts.hpp"

namespace lienthong::sandbox::paygov {

Result<PaygovParts> make_paygov(boost::asio::any_io_executor executor, PaygovSetup setup) {
  auto url = http::Url::parse(setup.ipn_url);
  if (!url) {
    return Problem::make(ProblemKind::kInternal,
                         "sandbox paygov_ipn_url is not an http(s) URL: " + url.error());
  }
  auto book = std::make_shared<PaymentBook>(setup.mock.expiry);
  IpnSenderOptions ipn;
  ipn.url = std::move(url).value();
  ipn.key = std::move(setup.ipn_key);
  ipn.partner = setup.mock.partner;
  ipn.resends = setup.ipn_resends;
  ipn.resend_delay = setup.ipn_resend_delay;
  ipn.now = setup.mock.now;
  auto sender = std::make_shared<IpnSender>(std::move(executor), std::move(ipn), book);
  auto mock = std::make_shared<PaygovMock>(std::move(setup.mock), book,
                                           [weak = std::weak_ptr<IpnSender>(sender)](IpnJob job) {
                                             if (auto s = weak.lock()) s->dispatch(std::move(job));
                                           });
  auto controls = std::make_shared<TesterControls>(mock);
  return PaygovParts{std::move(mock), std::move(controls), std::move(sender)};
}

}  // namespace lienthong::sandbox::paygov
