#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "core/http/client.hpp"
#include "core/http/url.hpp"
#include "sandbox/paygov/ipn_message.hpp"
#include "sandbox/paygov/payment_book.hpp"
#include "sandbox/wait_set.hpp"

namespace lienthong::sandbox::paygov {

struct IpnSenderOptions {
  http::Url url;    ///< the partner's IPN URL (paygov_ipn_url)
  std::string key;  ///< the bearer the platform presents there (paygov_ipn_key)
  Partner partner;  ///< whose secret signs the notices and checks the answers
  /// Resends of a normal notice while it is not confirmed (a failed call counts as not).
  int resends = 3;
  std::chrono::milliseconds resend_delay{300};
  std::chrono::milliseconds timeout{5'000};  ///< per call
  NowFn now;
};

/// Carries out IPN jobs against the partner with the hub's own HTTP client, each on its own
/// strand (never blocking an I/O thread), and writes every delivery and its answer into the
/// payment's record. stop() cuts the waits short and sends nothing more.
class IpnSender : public std::enable_shared_from_this<IpnSender> {
 public:
  IpnSender(boost::asio::any_io_executor executor, IpnSenderOptions options,
            std::shared_ptr<PaymentBook> book);

  /// Starts `job` in the background and returns at once.
  void dispatch(IpnJob job);
  /// Carries out `job` (dispatch runs this; tests may await it).
  boost::asio::awaitable<void> deliver(IpnJob job);
  void stop();

  /// Jobs started and not finished yet (tests wait for 0).
  [[nodiscard]] int in_flight() const { return in_flight_.load(); }

 private:
  static boost::asio::awaitable<void> run(std::shared_ptr<IpnSender> self, IpnJob job);
  boost::asio::awaitable<IpnAttempt> send_once(const IpnJob& job, int attempt);

  boost::asio::any_io_executor executor_;
  IpnSenderOptions options_;
  std::shared_ptr<PaymentBook> book_;
  http::HttpClient client_;
  WaitSet waits_;
  std::atomic<bool> stopped_{false};
  std::atomic<int> in_flight_{0};
};

}  // namespace lienthong::sandbox::paygov
