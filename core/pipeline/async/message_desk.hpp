#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/pipeline/exchange.hpp"
#include "core/pipeline/route_table.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::pipeline {

/// What `202 Accepted` says: the message's id (the first message's on an idempotent replay) and
/// the body `{id, state}` (with the result when that first message is already delivered).
struct AcceptAnswer {
  std::string id;
  nlohmann::json body;
};

/// The async side of the provincial API: accepting a checked exchange into the durable store
/// (`Prefer: respond-async`) and reading a message's status (`GET /v1/messages/{id}`). Writes go
/// through the store's writer thread, reads through a small blocking pool, never on I/O threads.
class MessageDesk {
 public:
  /// `on_accepted` runs after each new message is committed (it wakes the delivery loop).
  MessageDesk(std::shared_ptr<store::MessageStore> store,
              std::shared_ptr<boost::asio::thread_pool> blocking,
              std::function<void()> on_accepted);

  /// Stores the exchange's canonical request as a message of `route` (id = the exchange's id,
  /// ordering key read at the operation's `order_key`); answers once the commit is durable.
  /// kConflict when the same client used `idempotency_key` before for another body.
  [[nodiscard]] boost::asio::awaitable<Result<AcceptAnswer>> accept(
      const Exchange& exchange, const Route& route, std::string idempotency_key) const;

  /// A message's status as `client` may see it: kNotFound when there is none, when it is
  /// another client's, or when `id` cannot be a message id.
  [[nodiscard]] boost::asio::awaitable<Result<store::MessageStatus>> status(
      std::string id, std::string client) const;
  /// The ended attempts of a message (its timeline), oldest first; read after status() said
  /// the caller may see it.
  [[nodiscard]] boost::asio::awaitable<Result<std::vector<store::AttemptRecord>>> attempts(
      std::string id) const;

 private:
  std::shared_ptr<store::MessageStore> store_;
  std::shared_ptr<boost::asio::thread_pool> blocking_;
  std::function<void()> on_accepted_;
};

/// The message to store for a checked exchange (pure; exposed for tests).
store::NewMessage new_message(const Exchange& exchange, const Route& route,
                              std::string idempotency_key);
/// The same for a message a connector queues itself (a follow-up, a push it decided on):
/// `stored_operation` as the delivery loop finds its route (inbound_operation_name() for a
/// push), ordered by the value at `order_key` of `exchange.request`.
store::NewMessage new_message(const Exchange& exchange, std::string connector,
                              std::string stored_operation, const std::string& order_key,
                              std::string idempotency_key);
/// The value at `order_key` in a canonical request as an ordering key; "" when absent.
std::string ordering_key(const nlohmann::json& request, const std::string& order_key);

/// The JSON of `GET /v1/messages/{id}`; with its `timeline` when `attempts` is given.
nlohmann::json status_json(const store::MessageStatus& status,
                           const std::vector<store::AttemptRecord>* attempts = nullptr);
/// RFC 3339 / ISO 8601 UTC with milliseconds: "2026-12-01T19:10:00.123Z".
std::string iso8601(store::TimePoint t);

/// `/v1/messages/{id}` -> id (not yet checked); nullopt for other paths.
std::optional<std::string> parse_message_target(std::string_view target);
/// True when the Prefer header asks for `respond-async` (RFC 7240).
bool prefers_async(std::string_view prefer);
/// True for an Idempotency-Key we are willing to store (1-255 visible ASCII characters).
bool valid_idempotency_key(std::string_view key);

}  // namespace lienthong::pipeline
