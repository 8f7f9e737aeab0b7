#include "core/pipeline/async/retention_sweep.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>

#include "core/log/log.hpp"
#include "core/store/awaitable.hpp"

namespace lienthong::pipeline {
namespace {

namespace asio = boost::asio;

std::string days(std::chrono::milliseconds retention) {
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(retention).count();
  if (hours % 24 == 0) return std::to_string(hours / 24) + "d";
  return std::to_string(retention.count()) + "ms";
}

// Outside the coroutine: GCC 12 double-destroys braced temporaries in coroutines.
void log_sweep(const Result<int>& removed, std::chrono::milliseconds retention) {
  if (!removed) {
    log::warn("store.retention", {{"problem", removed.error().detail}});
    return;
  }
  // A sweep that removed nothing is no news for an operator.
  log::write(*removed > 0 ? log::Level::kInfo : log::Level::kDebug, "store.retention",
             {{"removed", std::to_string(*removed)}, {"kept_for", days(retention)}});
}

}  // namespace

RetentionSweep::RetentionSweep(const asio::any_io_executor& executor,
                               std::shared_ptr<store::MessageStore> store,
                               RetentionSweepOptions options)
    : strand_(asio::make_strand(executor)),
      store_(std::move(store)),
      options_(options),
      timer_(strand_) {}

void RetentionSweep::start() {
  asio::co_spawn(
      strand_, [self = shared_from_this()] { return self->run(); }, asio::detached);
}

void RetentionSweep::stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopping_ = true;
    self->timer_.cancel();
  });
}

asio::awaitable<void> RetentionSweep::run() {
  auto wait = options_.first_after;
  while (!stopping_) {
    timer_.expires_after(wait);
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopping_) break;
    auto start = [store = store_, retention = options_.retention](auto done) {
      store->remove_expired(retention, std::move(done));
    };
    auto removed = co_await store::await_store<int>(std::move(start));
    log_sweep(removed, options_.retention);
    wait = options_.every;
  }
}

}  // namespace lienthong::pipeline
