#include "core/admin/auth/sessions.hpp"

#include <algorithm>

#include "core/base/digest.hpp"
#include "core/base/random_token.hpp"

namespace lienthong::admin::auth {

std::string_view role_name(Role role) {
  return role == Role::kOperator ? "operator" : "viewer";
}

SessionTable::SessionTable(SessionOptions options, delivery::SteadyNow now)
    : options_(options), now_(now ? std::move(now) : [] { return delivery::SteadyClock::now(); }) {}

std::pair<std::string, Session> SessionTable::open(std::string name, Role role) {
  const auto now = now_();
  auto cookie = random_token();
  Entry e;
  e.session.name = std::move(name);
  e.session.role = role;
  e.session.csrf_token = random_token();
  e.opened = now;
  e.last_seen = now;
  e.session.expires_at = std::min(now + options_.idle, now + options_.absolute);
  e.session.expires_in =
      std::chrono::duration_cast<std::chrono::seconds>(e.session.expires_at - now);
  std::lock_guard lock(mutex_);
  while (!by_hash_.empty() && by_hash_.size() >= options_.max_sessions) evict_one();
  auto session = e.session;
  by_hash_.insert_or_assign(sha256_hex(cookie), std::move(e));
  return {std::move(cookie), std::move(session)};
}

std::optional<Session> SessionTable::find(std::string_view cookie) {
  if (cookie.empty()) return std::nullopt;
  const auto now = now_();
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(sha256_hex(cookie));
  if (it == by_hash_.end()) return std::nullopt;
  auto& e = it->second;
  if (now >= e.last_seen + options_.idle || now >= e.opened + options_.absolute) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  e.last_seen = now;
  e.session.expires_at = std::min(now + options_.idle, e.opened + options_.absolute);
  e.session.expires_in =
      std::chrono::duration_cast<std::chrono::seconds>(e.session.expires_at - now);
  return e.session;
}

void SessionTable::close(std::string_view cookie) {
  std::lock_guard lock(mutex_);
  if (auto it = by_hash_.find(sha256_hex(cookie)); it != by_hash_.end()) by_hash_.erase(it);
}

void SessionTable::close_all_of(std::string_view name) {
  std::lock_guard lock(mutex_);
  std::erase_if(by_hash_, [&](const auto& kv) { return kv.second.session.name == name; });
}

std::size_t SessionTable::size() const {
  std::lock_guard lock(mutex_);
  return by_hash_.size();
}

void SessionTable::evict_one() {
  auto oldest = std::min_element(
      by_hash_.begin(), by_hash_.end(),
      [](const auto& a, const auto& b) { return a.second.last_seen < b.second.last_seen; });
  by_hash_.erase(oldest);
}

bool csrf_matches(const Session& session, std::string_view token) {
  return !token.empty() && equal_constant_time(token, session.csrf_token);
}

}  // namespace lienthong::admin::auth
