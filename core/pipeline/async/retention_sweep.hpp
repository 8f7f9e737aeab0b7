#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <memory>

#include "core/store/message_store.hpp"

namespace lienthong::pipeline {

struct RetentionSweepOptions {
  /// Finished messages, their attempts and idempotency keys are kept so long
  /// (`store.retention_days`).
  std::chrono::milliseconds retention{std::chrono::hours(24 * 30)};
  /// The first sweep, shortly after start: a hub restarted daily still sweeps.
  std::chrono::milliseconds first_after{std::chrono::minutes(1)};
  /// Then every so often: retention is counted in days, an hour late is nothing, and each sweep
  /// is one short write transaction that removes at most an hour's worth of finished messages.
  std::chrono::milliseconds every{std::chrono::hours(1)};
};

/// Removes expired messages periodically (MessageStore::remove_expired: delivered and dead
/// ones finished more than `retention` ago; queued, in-flight and retrying ones never). The
/// removal runs on the store's writer thread; this only waits for it, on a strand of the I/O
/// executor. Logs how many it removed.
class RetentionSweep : public std::enable_shared_from_this<RetentionSweep> {
 public:
  RetentionSweep(const boost::asio::any_io_executor& executor,
                 std::shared_ptr<store::MessageStore> store, RetentionSweepOptions options);

  void start();
  /// Stops sweeping; a sweep already in the store finishes there. Callable from any thread.
  void stop();

 private:
  boost::asio::awaitable<void> run();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  std::shared_ptr<store::MessageStore> store_;
  RetentionSweepOptions options_;
  boost::asio::steady_timer timer_;
  bool stopping_ = false;  ///< touched only on the strand
};

}  // namespace lienthong::pipeline
