#include "sandbox/dvcqg/session_table.hpp"

#include "core/base/uuid.hpp"

namespace lienthong::sandbox::dvcqg {

SessionTable::SessionTable(std::chrono::seconds ttl, Clock clock)
    : ttl_(ttl), clock_(clock ? std::move(clock) : Clock(&std::chrono::steady_clock::now)) {}

std::string SessionTable::open(std::string_view dstcode) {
  auto token = uuid_v7();
  std::lock_guard lock(mutex_);
  const auto now = clock_();
  // Forget the expired ones now and then, so a long run does not grow the table.
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.expires <= now; });
  sessions_[token] = Session{std::string(dstcode), now + ttl_};
  return token;
}

bool SessionTable::valid(std::string_view token, std::string_view dstcode) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token);
  if (it == sessions_.end()) return false;
  if (it->second.expires <= clock_()) {
    sessions_.erase(it);
    return false;
  }
  return it->second.dstcode == dstcode;
}

void SessionTable::expire(std::string_view token) {
  std::lock_guard lock(mutex_);
  if (auto it = sessions_.find(token); it != sessions_.end()) sessions_.erase(it);
}

}  // namespace lienthong::sandbox::dvcqg
