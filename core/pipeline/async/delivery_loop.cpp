#include "core/pipeline/async/delivery_loop.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/delivery/classify.hpp"
#include "core/delivery/connector_pauses.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/delivery_metrics.hpp"
#include "core/pipeline/inbound/inbound_routes.hpp"
#include "core/store/awaitable.hpp"

namespace lienthong::pipeline {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;

asio::awaitable<void> sleep_for(std::chrono::steady_clock::duration d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

store::ClaimRequest claim_request(const DeliveryLoopOptions& options, int free,
                                  std::vector<std::string> paused) {
  store::ClaimRequest request;
  request.node_id = options.node_id;
  request.lease = options.lease;
  request.max = free;
  request.paused_connectors = std::move(paused);
  return request;
}

// The guard held the call back before anything was sent (circuit open, probe out, quota used
// up): the message goes back to the queue without burning an attempt.
bool held_back(const StageFailure& f) {
  return f.stage == "deliver" && delivery::refused_by_guard(f.problem);
}

StageFailure failure(std::string stage, ProblemKind kind, std::string detail) {
  StageFailure f;
  f.stage = std::move(stage);
  f.problem = Problem::make(kind, std::move(detail));
  return f;
}

std::string trace_of(const store::NewMessage& m) {
  const auto it = m.headers.find("traceparent");
  return it == m.headers.end() || it->second.size() != 55 ? std::string()
                                                          : it->second.substr(3, 32);
}

// Ids and outcome only: the body and the far side's answer may hold personal data.
void log_attempt(const store::ClaimedMessage& claimed, const store::AttemptOutcome& outcome) {
  using Kind = store::AttemptOutcome::Kind;
  const char* what = outcome.kind == Kind::kDelivered ? "delivered"
                     : outcome.kind == Kind::kRetry   ? "retry"
                                                      : "dead";
  log::info("delivery", {{"id", claimed.message.id},
                         {"connector", claimed.message.connector},
                         {"operation", claimed.message.operation},
                         {"attempt", std::to_string(claimed.lease.attempt)},
                         {"trace_id", trace_of(claimed.message)},
                         {"far_status", std::to_string(outcome.far_status)},
                         {"error_class", outcome.error_class},
                         {"outcome", what}});
}

// Debug only: under a rate limit this happens to every message that found the bucket empty.
void log_held(const store::ClaimedMessage& claimed, const std::string& why) {
  log::debug("delivery", {{"id", claimed.message.id},
                          {"connector", claimed.message.connector},
                          {"outcome", "held"},
                          {"waiting_for", why}});
}

void log_problem(std::string_view what, const std::string& id, const Problem& problem) {
  log::warn(what, {{"id", id}, {"problem", problem.detail}});
}

std::string describe(const StageFailure& f) {
  std::string text = f.problem.detail;
  if (f.problem.upstream && f.problem.upstream->status != 0 &&
      text.find(std::to_string(f.problem.upstream->status)) == std::string::npos) {
    text += " (upstream HTTP " + std::to_string(f.problem.upstream->status) + ")";
  }
  return text;
}

}  // namespace

DeliveryLoop::DeliveryLoop(const asio::any_io_executor& executor, LiveRoutes routes,
                           std::shared_ptr<store::MessageStore> store, DeliveryLoopOptions options)
    : strand_(asio::make_strand(executor)),
      routes_(std::move(routes)),
      store_(std::move(store)),
      options_(std::move(options)),
      wake_(strand_) {}

void DeliveryLoop::start() {
  asio::co_spawn(
      strand_, [self = shared_from_this()] { return self->run(); }, asio::detached);
}

void DeliveryLoop::notify() {
  asio::post(strand_, [self = shared_from_this()] {
    self->woken_ = true;
    self->wake_.cancel();
  });
}

asio::awaitable<void> DeliveryLoop::stop(std::chrono::milliseconds grace) {
  co_await asio::post(strand_, asio::use_awaitable);
  stopping_ = true;
  wake_.cancel();
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while ((in_flight_ > 0 || running_) && std::chrono::steady_clock::now() < deadline) {
    co_await sleep_for(std::chrono::milliseconds(10));
  }
}

std::chrono::steady_clock::duration DeliveryLoop::next_wait() const {
  using Duration = std::chrono::steady_clock::duration;
  // With every slot busy a time already past waits for the end of an attempt (which wakes the
  // loop) instead of spinning; with a free slot it means "claim again now".
  const bool can_claim = in_flight_ < options_.concurrency;
  const Duration floor = std::chrono::milliseconds(1);
  Duration wait = options_.idle_poll;
  auto consider = [&](Duration until) {
    if (until > Duration::zero() || can_claim) wait = std::min(wait, std::max(until, floor));
  };
  if (next_due_) consider(*next_due_ - store::Clock::now());
  if (resume_at_) consider(*resume_at_ - std::chrono::steady_clock::now());
  return wait;
}

std::vector<std::string> DeliveryLoop::pause_refused_connectors() {
  const auto routes = routes_.now();
  auto pauses = delivery::pauses_of(routes->guards());
  resume_at_.reset();
  if (pauses.resume_in) resume_at_ = std::chrono::steady_clock::now() + *pauses.resume_in;
  return std::move(pauses.connectors);
}

asio::awaitable<void> DeliveryLoop::run() {
  running_ = true;
  while (!stopping_) {
    woken_ = false;
    const int free = options_.concurrency - in_flight_;
    bool full = false;
    if (free > 0) {
      if (next_due_ && *next_due_ <= store::Clock::now()) next_due_.reset();
      // Built outside the coroutine: GCC 12 double-destroys braced temporaries in coroutines.
      const auto request = claim_request(options_, free, pause_refused_connectors());
      auto start = [store = store_, request](auto done) { store->claim(request, std::move(done)); };
      auto claimed =
          co_await store::await_store<std::vector<store::ClaimedMessage>>(std::move(start));
      if (!claimed) {
        log_problem("delivery: claim failed", "", claimed.error());
      } else {
        for (auto& m : *claimed) {
          ++in_flight_;
          asio::co_spawn(
              strand_,
              [self = shared_from_this(), m = std::move(m)]() mutable {
                return self->deliver(std::move(m));
              },
              asio::detached);
        }
        full = static_cast<int>(claimed->size()) == free;
      }
    }
    if (stopping_) break;
    if (woken_ || (full && in_flight_ < options_.concurrency)) continue;
    wake_.expires_after(next_wait());
    co_await wake_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  running_ = false;
}

asio::awaitable<void> DeliveryLoop::keep_lease(store::Lease lease) {
  for (;;) {
    co_await sleep_for(options_.lease / 3);
    auto start = [store = store_, lease, extend = options_.lease](auto done) {
      store->renew_lease(lease, extend, std::move(done));
    };
    auto renewed = co_await store::await_store<store::Lease>(std::move(start));
    if (renewed) {
      lease = *renewed;
      continue;
    }
    // Taken over by another node (or the store failed): our record will be refused, and the
    // attempt ends on its own (or at the attempt timeout).
    log_problem("delivery: lease not renewed", lease.message_id, renewed.error());
    co_await sleep_for(std::chrono::hours(24));
  }
}

store::AttemptOutcome DeliveryLoop::outcome_of(const RouteTable& routes,
                                               const store::ClaimedMessage& claimed,
                                               const Result<nlohmann::json, StageFailure>& result,
                                               const AttemptTrace& trace) {
  store::AttemptOutcome outcome;
  if (result) {
    outcome = store::AttemptOutcome::delivered(
        result->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    const auto& failure = result.error();
    const auto& retry = routes.retry_policy(claimed.message.connector, claimed.message.operation);
    const int attempt = claimed.lease.attempt;
    const auto why = describe(failure);
    if (delivery::classify(failure.stage, failure.problem) == delivery::Verdict::kDead) {
      outcome = store::AttemptOutcome::dead(why);
    } else if (retry.exhausted(attempt)) {
      outcome = store::AttemptOutcome::dead("gave up after " + std::to_string(attempt) +
                                            " attempts: " + why);
    } else {
      const auto at =
          store::Clock::now() + retry.delay(attempt, failure.problem.retry_after_seconds, random_);
      if (!next_due_ || at < *next_due_) next_due_ = at;
      outcome = store::AttemptOutcome::retry(why, at);
    }
    outcome.error_class = std::string(delivery::error_class(failure.stage, failure.problem));
    if (failure.problem.upstream) outcome.far_status = failure.problem.upstream->status;
  }
  outcome.started_at = trace.started_at;
  if (trace.wire && trace.wire->far_status != 0) {
    outcome.far_status = static_cast<int>(trace.wire->far_status);
  }
  if (trace.wire && options_.journal && options_.journal->on()) {
    outcome.evidence = options_.journal->attempt_facts(claimed.message, *trace.wire);
  }
  return outcome;
}

asio::awaitable<void> DeliveryLoop::deliver(store::ClaimedMessage claimed) {
  const auto& m = claimed.message;
  // Kept for the whole attempt: a reload meanwhile does not pull its route away.
  const auto routes = routes_.now();
  const Route* route = routes->find(m.connector, m.operation);
  Result<nlohmann::json, StageFailure> result =
      failure("route", ProblemKind::kInternal, "no route " + m.connector + "/" + m.operation);
  AttemptTrace trace;
  trace.started_at = store::Clock::now();
  // Always kept (the timeline shows the far side's status); hashed and sealed for the journal.
  trace.wire = options_.journal ? options_.journal->wire_for(m.connector) : std::nullopt;
  if (!trace.wire) trace.wire.emplace();
  if (route != nullptr) {
    // Optional only because co_spawn needs a default-constructible result.
    auto attempt = [](const Route& r, const store::NewMessage& message,
                      std::optional<WireEvidence>* wire)
        -> asio::awaitable<std::optional<Result<nlohmann::json, StageFailure>>> {
      co_return co_await run_stored(r, message, wire);
    };
    const auto limit = routes->retry_policy(m.connector, m.operation).attempt_timeout() +
                       std::chrono::milliseconds(500);
    auto raced =
        co_await (attempt(*route, m, &trace.wire) || keep_lease(claimed.lease) || sleep_for(limit));
    if (raced.index() == 0 && std::get<0>(raced)) {
      result = std::move(*std::get<0>(raced));
    } else {
      result = failure("deliver", ProblemKind::kUpstreamTimeout,
                       "the attempt took longer than " + std::to_string(limit.count()) + " ms");
    }
  }
  if (!result && held_back(result.error())) {
    co_await release(claimed, delivery::waiting_for(result.error().problem));
  } else {
    co_await record(*routes, claimed, result, trace);
  }
  --in_flight_;
  woken_ = true;  // a slot is free, and the next message of this key may be claimable
  wake_.cancel();
}

asio::awaitable<void> DeliveryLoop::release(const store::ClaimedMessage& claimed, std::string why) {
  log_held(claimed, why);
  auto start = [store = store_, lease = claimed.lease, why = std::move(why)](auto done) mutable {
    store->release(lease, std::move(why), std::move(done));
  };
  auto released = co_await store::await_store<void>(std::move(start));
  if (!released)
    log_problem("delivery: message not released", claimed.message.id, released.error());
}

asio::awaitable<void> DeliveryLoop::record(const RouteTable& routes,
                                           const store::ClaimedMessage& claimed,
                                           const Result<nlohmann::json, StageFailure>& result,
                                           const AttemptTrace& trace) {
  const auto& m = claimed.message;
  auto outcome = outcome_of(routes, claimed, result, trace);
  log_attempt(claimed, outcome);
  count_attempt(m, outcome);
  auto start = [store = store_, lease = claimed.lease,
                outcome = std::move(outcome)](auto done) mutable {
    store->record_attempt(lease, std::move(outcome), std::move(done));
  };
  auto recorded = co_await store::await_store<void>(std::move(start));
  if (!recorded) {
    log_problem("delivery: attempt not recorded", m.id, recorded.error());
  }
}

}  // namespace lienthong::pipeline
