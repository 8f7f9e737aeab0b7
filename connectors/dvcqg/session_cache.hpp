#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::connectors::dvcqg {

/// The portal session shared by every exchange of one connector. When there is none, the first
/// caller logs in and the others wait for that login (one login at a time, coroutines, no
/// thread blocked); all of them get its token, or its failure. Thread-safe.
class SessionCache {
 public:
  /// Logs in and returns the session token.
  using Login = std::function<boost::asio::awaitable<Result<std::string>>()>;

  struct Session {
    std::string token;
    std::uint64_t generation = 0;  ///< which login it came from, for invalidate()
  };

  SessionCache();
  ~SessionCache();
  SessionCache(const SessionCache&) = delete;
  SessionCache& operator=(const SessionCache&) = delete;

  /// The current session, logging in with `login` when there is none.
  boost::asio::awaitable<Result<Session>> get(const Login& login);

  /// Forgets the session of `generation` (the portal said it expired). A later generation, from
  /// a login another exchange already made, is kept, so many expired answers cause one login.
  void invalidate(std::uint64_t generation);

  /// Logins started so far (for tests and metrics).
  [[nodiscard]] std::uint64_t logins() const;

 private:
  struct Waiter;
  void finish_login(std::uint64_t attempt, Result<std::string> outcome);

  mutable std::mutex mutex_;
  std::string token_;
  std::uint64_t generation_ = 0;
  bool logging_in_ = false;
  std::uint64_t attempts_ = 0;
  std::uint64_t failed_attempt_ = 0;
  std::optional<Problem> failure_;
  std::vector<std::shared_ptr<Waiter>> waiters_;
};

}  // namespace lienthong::connectors::dvcqg
