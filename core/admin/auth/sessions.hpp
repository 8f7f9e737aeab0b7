#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/delivery/circuit_breaker.hpp"

namespace lienthong::admin::auth {

/// What an operator may do: a viewer reads; an operator also replays, purges and reloads.
enum class Role { kViewer, kOperator };
std::string_view role_name(Role role);

/// A signed-in operator, as the admin listener sees them on each request.
struct Session {
  std::string name;
  Role role = Role::kViewer;
  std::string csrf_token;  ///< sent back in X-CSRF-Token on every change
  delivery::SteadyClock::time_point expires_at{};
  std::chrono::seconds expires_in{};  ///< from the moment open() or find() answered
};

struct SessionOptions {
  std::chrono::seconds idle{30 * 60};          ///< unused this long: signed out
  std::chrono::seconds absolute{8 * 60 * 60};  ///< signed in this long: signed out anyway
  std::size_t max_sessions = 10'000;           ///< beyond it the least recently used goes
};

/// The admin listener's sessions, in memory (a restart signs everyone out; with several hub
/// nodes each keeps its own — an operator signs in to the node they use). Ids and CSRF tokens
/// are 32 random bytes from OpenSSL; the table keeps only the SHA-256 of an id, so neither a
/// memory dump nor a log line gives a usable cookie. Thread-safe.
class SessionTable {
 public:
  explicit SessionTable(SessionOptions options = {}, delivery::SteadyNow now = {});

  /// A new session and its cookie value. A sign-in always makes a new id, whatever cookie the
  /// browser sent (no session fixation).
  std::pair<std::string, Session> open(std::string name, Role role);
  /// The session of a cookie value, refreshed; nullopt when unknown or expired.
  std::optional<Session> find(std::string_view cookie);
  void close(std::string_view cookie);
  /// Signs out every session of `name` (its account was removed or its role changed).
  void close_all_of(std::string_view name);
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    Session session;
    delivery::SteadyClock::time_point opened{};
    delivery::SteadyClock::time_point last_seen{};
  };
  void evict_one();

  SessionOptions options_;
  delivery::SteadyNow now_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> by_hash_;
};

/// Whether the X-CSRF-Token a request carries is its session's (constant time).
bool csrf_matches(const Session& session, std::string_view token);

}  // namespace lienthong::admin::auth
