#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>

namespace lienthong::sandbox {

/// Timed waits (injected latency and timeouts) that shutdown can cut short, so a mock holding
/// a request for a minute never delays the end of a test or of the process.
///
/// A wait's timer lives on the waiting coroutine's executor and is cancelled by posting to that
/// executor; the HTTP server runs each connection on a strand, which makes that safe.
class WaitSet {
 public:
  /// Waits `duration`. True when it elapsed, false when stop() cut it short (or had already
  /// been called, in which case it returns at once).
  boost::asio::awaitable<bool> wait(std::chrono::milliseconds duration);

  /// Ends every current wait and every later one at once.
  void stop();

  /// Waits in progress (tests use it to know a request is being held).
  [[nodiscard]] std::size_t pending() const;

 private:
  using Timer = boost::asio::steady_timer;
  mutable std::mutex mutex_;
  bool stopped_ = false;
  std::set<std::shared_ptr<Timer>> timers_;
};

}  // namespace lienthong::sandbox
