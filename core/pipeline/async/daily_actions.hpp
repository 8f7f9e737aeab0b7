#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/pipeline/connector.hpp"
#include "core/pipeline/evidence/journal.hpp"

namespace lienthong::pipeline {

/// The time until the next `at` ("HH:MM" in Asia/Ho_Chi_Minh, UTC+7 without daylight saving)
/// after `now`: today's if still ahead, else tomorrow's. Pure, for tests.
std::chrono::system_clock::duration until_next(std::string_view at,
                                               std::chrono::system_clock::time_point now);

/// Runs each connector's daily actions (Connector::daily_actions, e.g. paygov's reconciliation)
/// at their time, with the action's default parameters, and logs what each found. With several
/// hubs each runs them: the actions only report.
class DailyActions : public std::enable_shared_from_this<DailyActions> {
 public:
  struct Job {
    std::string connector;
    std::shared_ptr<const Connector> target;
    Connector::DailyAction action;
  };
  /// Each run is journalled as the schedule's action (`journal` null or off: not).
  DailyActions(const boost::asio::any_io_executor& executor, std::vector<Job> jobs,
               std::shared_ptr<const Journal> journal = nullptr);

  void start();
  /// Stops waiting; an action already running finishes. Callable from any thread.
  void stop();

 private:
  boost::asio::awaitable<void> run(std::size_t job);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  std::vector<Job> jobs_;
  std::shared_ptr<const Journal> journal_;
  std::vector<std::unique_ptr<boost::asio::steady_timer>> timers_;
  bool stopping_ = false;  ///< touched only on the strand
};

}  // namespace lienthong::pipeline
