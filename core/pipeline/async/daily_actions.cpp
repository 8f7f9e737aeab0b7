#include "core/pipeline/async/daily_actions.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log/log.hpp"
#include "core/pipeline/evidence/operator_action.hpp"

namespace lienthong::pipeline {
namespace {

namespace asio = boost::asio;
using std::chrono::minutes;

constexpr auto kVietnam = std::chrono::hours(7);  // Asia/Ho_Chi_Minh: UTC+7 since 1975

void log_run(const DailyActions::Job& job, const Result<ActionReport>& report) {
  if (!report) {
    log::warn("daily_action.failed", {{"connector", job.connector},
                                      {"action", job.action.action},
                                      {"problem", report.error().detail}});
    return;
  }
  log::write(report->clean ? log::Level::kInfo : log::Level::kWarn, "daily_action.done",
             {{"connector", job.connector},
              {"action", job.action.action},
              {"clean", report->clean ? "true" : "false"}});
}

}  // namespace

std::chrono::system_clock::duration until_next(std::string_view at,
                                               std::chrono::system_clock::time_point now) {
  const int h = (at[0] - '0') * 10 + (at[1] - '0');
  const int m = (at[3] - '0') * 10 + (at[4] - '0');
  const auto local = now + kVietnam;
  const auto midnight = std::chrono::floor<std::chrono::days>(local);
  auto next = midnight + std::chrono::hours(h) + minutes(m);
  if (next <= local) next += std::chrono::days(1);
  return next - local;
}

DailyActions::DailyActions(const asio::any_io_executor& executor, std::vector<Job> jobs,
                           std::shared_ptr<const Journal> journal)
    : strand_(asio::make_strand(executor)), jobs_(std::move(jobs)), journal_(std::move(journal)) {
  for (std::size_t i = 0; i < jobs_.size(); ++i) {
    timers_.push_back(std::make_unique<asio::steady_timer>(strand_));
  }
}

void DailyActions::start() {
  for (std::size_t i = 0; i < jobs_.size(); ++i) {
    const auto& job = jobs_[i];
    log::info("daily_action.scheduled",
              {{"connector", job.connector}, {"action", job.action.action}, {"at", job.action.at}});
    asio::co_spawn(
        strand_, [self = shared_from_this(), i] { return self->run(i); }, asio::detached);
  }
}

void DailyActions::stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopping_ = true;
    for (auto& t : self->timers_) t->cancel();
  });
}

asio::awaitable<void> DailyActions::run(std::size_t index) {
  const Job& job = jobs_[index];
  auto& timer = *timers_[index];
  while (!stopping_) {
    timer.expires_after(until_next(job.action.at, std::chrono::system_clock::now()));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopping_) break;
    const nlohmann::json defaults = nlohmann::json::object();
    auto report = co_await run_operator_action(*job.target, job.connector, job.action.action,
                                               defaults, "schedule", journal_.get());
    log_run(job, report);
  }
}

}  // namespace lienthong::pipeline
