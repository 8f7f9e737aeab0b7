#include "core/http/detail/client_pool.hpp"

#include <boost/asio/strand.hpp>

#include "core/http/tls.hpp"

namespace lienthong::http::detail {

ConnectionPool::ConnectionPool(asio::any_io_executor executor, ClientOptions options)
    : executor_(std::move(executor)), options_(std::move(options)), tls_(options_.tls) {}

ConnectionPool::~ConnectionPool() {
  for (auto& [origin, session] : tls_sessions_) SSL_SESSION_free(session);
}

std::unique_ptr<ClientConnection> ConnectionPool::take(const std::string& origin) {
  std::lock_guard lock(mutex_);
  const auto it = idle_.find(origin);
  if (it == idle_.end()) return nullptr;
  auto& list = it->second;
  const auto now = Clock::now();
  while (!list.empty()) {
    auto item = std::move(list.back());
    list.pop_back();
    // Newest last: once the newest is too old, all are; they close as they are dropped.
    if (now - item.since < options_.idle_ttl) return std::move(item.connection);
  }
  return nullptr;
}

void ConnectionPool::give_back(const std::string& origin,
                               std::unique_ptr<ClientConnection> connection) {
  std::lock_guard lock(mutex_);
  // Sweep every origin, not only this one: an origin that is no longer called must not keep
  // sockets the far side has long closed. Origins are few (one per external system).
  const auto now = Clock::now();
  for (auto& [key, list] : idle_) {
    std::erase_if(list, [&](const Idle& item) { return now - item.since >= options_.idle_ttl; });
  }
  auto& list = idle_[origin];
  if (list.size() < options_.max_idle_per_origin) list.push_back({std::move(connection), now});
}

void ConnectionPool::clear() {
  std::lock_guard lock(mutex_);
  idle_.clear();
}

asio::ssl::context& ConnectionPool::tls() {
  std::lock_guard lock(mutex_);
  if (!tls_) tls_ = default_client_tls();
  return *tls_;
}

std::unique_ptr<ClientConnection> ConnectionPool::fresh() {
  return std::make_unique<ClientConnection>(asio::make_strand(executor_));
}

void ConnectionPool::resume_tls_session(const std::string& origin, SSL* ssl) {
  std::lock_guard lock(mutex_);
  const auto it = tls_sessions_.find(origin);
  if (it != tls_sessions_.end()) SSL_set_session(ssl, it->second);  // takes its own reference
}

void ConnectionPool::remember_tls_session(const std::string& origin, SSL* ssl) {
  SSL_SESSION* current = SSL_get0_session(ssl);
  if (current == nullptr || SSL_SESSION_is_resumable(current) == 0) return;
  // A copy: OpenSSL marks the connection's own session unresumable when the connection is
  // freed without a TLS shutdown, which is how pooled connections usually end.
  SSL_SESSION* session = SSL_SESSION_dup(current);
  if (session == nullptr) return;
  std::lock_guard lock(mutex_);
  auto& slot = tls_sessions_[origin];
  if (slot != nullptr) SSL_SESSION_free(slot);
  slot = session;
}

}  // namespace lienthong::http::detail
