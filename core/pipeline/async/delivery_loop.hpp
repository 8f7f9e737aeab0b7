#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "core/config/hub_config.hpp"
#include "core/delivery/retry_policy.hpp"
#include "core/pipeline/async/run_stored.hpp"
#include "core/pipeline/evidence/journal.hpp"
#include "core/pipeline/live_routes.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::pipeline {

struct DeliveryLoopOptions {
  std::string node_id;  ///< this hub among those sharing the store
  std::chrono::milliseconds lease{30'000};
  int concurrency = 16;                        ///< messages in delivery at once
  std::chrono::milliseconds idle_poll{1'000};  ///< look again even when nothing woke us
  std::shared_ptr<const Journal> journal;      ///< null or off: attempts add no wire facts
};

/// How one attempt went, beside its result: for the message's timeline and the journal.
struct AttemptTrace {
  store::TimePoint started_at{};
  std::optional<WireEvidence> wire;
};

/// Delivers queued messages (README.md): claims up to the free slots from the store, runs each
/// message's chain after validation (run_stored), and records delivered / retry at a time /
/// dead. Wakes at once on notify() (a message was accepted) or when an attempt ends, else at
/// the earliest retry it scheduled, and at least every `idle_poll` (messages other hubs
/// scheduled, leases that lapsed). Leases are renewed while an attempt is slow. Ordering and
/// "waiting behind" are the store's claim rules.
///
/// Connectors whose guard refuses calls now (circuit open, probe out, quota used up) are left
/// out of claims, so their messages wait without burning attempts; the loop wakes when the
/// first of them may be called again, and the message it then claims is the half-open probe.
/// A message the guard refuses all the same (another call took the probe or the last token
/// meanwhile) is released back to the queue untried (store::MessageStore::release).
class DeliveryLoop : public std::enable_shared_from_this<DeliveryLoop> {
 public:
  DeliveryLoop(const boost::asio::any_io_executor& executor, LiveRoutes routes,
               std::shared_ptr<store::MessageStore> store, DeliveryLoopOptions options);

  void start();
  /// Claim now: a message was accepted. Callable from any thread.
  void notify();
  /// Stops claiming and waits (up to `grace`) for attempts in progress to be recorded; an
  /// attempt still running then is abandoned and its lease lapses, so nothing is lost.
  boost::asio::awaitable<void> stop(std::chrono::milliseconds grace);

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<void> deliver(store::ClaimedMessage claimed);
  boost::asio::awaitable<void> keep_lease(store::Lease lease);
  boost::asio::awaitable<void> record(const RouteTable& routes,
                                      const store::ClaimedMessage& claimed,
                                      const Result<nlohmann::json, StageFailure>& result,
                                      const AttemptTrace& trace);
  boost::asio::awaitable<void> release(const store::ClaimedMessage& claimed, std::string why);
  /// The connectors whose guard refuses calls now (ClaimRequest::paused_connectors); sets
  /// resume_at_ to when the first of them may be called again.
  std::vector<std::string> pause_refused_connectors();
  store::AttemptOutcome outcome_of(const RouteTable& routes, const store::ClaimedMessage& claimed,
                                   const Result<nlohmann::json, StageFailure>& result,
                                   const AttemptTrace& trace);
  std::chrono::steady_clock::duration next_wait() const;

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  /// Taken once per claim and per attempt: an attempt runs on the routes it started with.
  LiveRoutes routes_;
  std::shared_ptr<store::MessageStore> store_;
  DeliveryLoopOptions options_;
  std::mt19937_64 random_{std::random_device{}()};
  boost::asio::steady_timer wake_;
  // Touched only on the strand:
  bool woken_ = false;
  bool stopping_ = false;
  bool running_ = false;
  int in_flight_ = 0;
  std::optional<store::TimePoint> next_due_;  ///< earliest retry this loop scheduled
  /// When the first paused connector's guard lets calls through again (a circuit's probe is
  /// due, a token is back): the loop wakes then.
  std::optional<std::chrono::steady_clock::time_point> resume_at_;
};

}  // namespace lienthong::pipeline
