#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/facts.hpp"

namespace lienthong::store {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

/// Where a message is in its life (README.md has the state machine).
enum class MessageState { kQueued, kInFlight, kDelivered, kRetrying, kDead };

/// "queued", "in_flight", "delivered", "retrying", "dead" — the public contract's spelling.
std::string_view to_string(MessageState state);
std::optional<MessageState> parse_state(std::string_view text);

/// A message handed to the hub for asynchronous delivery, as accepted (and as claimed later).
struct NewMessage {
  std::string id;  ///< UUIDv7; empty: the store assigns one
  std::string client;
  std::string connector;
  std::string operation;
  std::string ordering_key;     ///< empty: unordered
  std::string idempotency_key;  ///< empty: none
  std::string body_hash;        ///< lowercase hex SHA-256 of `body`; empty: the store computes it
  std::string body;             ///< canonical JSON; never logged
  std::map<std::string, std::string> headers;  ///< what delivery needs (X-Correlation-ID, ...)
  TimePoint accepted_at{};                     ///< epoch: the store's clock at accept
  /// The first attempt not before this (a follow-up asked later); epoch or earlier: at once.
  TimePoint ready_at{};
  /// What the journal adds to its "accepted" entry (the store fills in what it knows itself:
  /// ids, client, connector, operation, the body's hash). Not returned by claims.
  std::optional<evidence::Facts> evidence;
};

/// What accept() answers: the id under which the message is stored. `duplicate` is true when
/// the same client sent the same Idempotency-Key (and body) before: `id` is then the first
/// message's id and nothing new was stored.
struct Accepted {
  std::string id;
  bool duplicate = false;
};

/// What GET /v1/messages/{id} shows.
struct MessageStatus {
  std::string id;
  std::string client;
  std::string connector;
  std::string operation;
  std::string ordering_key;
  MessageState state = MessageState::kQueued;
  int attempts = 0;
  std::string last_error;
  std::optional<TimePoint> next_attempt_at;  ///< queued / retrying
  std::string result;                        ///< delivered: the mapped result
  std::string dead_reason;                   ///< dead
  std::string waiting_behind;  ///< ordered and not deliverable yet: the message it waits for
  /// queued / retrying: why its last claim was handed back untried ("circuit_open",
  /// "rate_limit"); empty once an attempt ends
  std::string waiting_for;
  TimePoint accepted_at{};
  std::optional<TimePoint> finished_at;  ///< delivered / dead
  std::string traceparent;               ///< the W3C trace context it travels with
};

/// The right to deliver one message until `until`. `attempt` fences a node that lost its lease:
/// a record or renewal with a stale lease is refused.
struct Lease {
  std::string message_id;
  std::string node_id;
  int attempt = 0;
  TimePoint until{};
};

/// What a delivery loop asks for.
struct ClaimRequest {
  std::string node_id;
  std::chrono::milliseconds lease{30'000};
  int max = 100;
  /// Connectors whose circuit is open: their messages stay queued without burning attempts.
  std::vector<std::string> paused_connectors;
};

struct ClaimedMessage {
  Lease lease;
  NewMessage message;
};

/// How one delivery attempt ended.
struct AttemptOutcome {
  enum class Kind { kDelivered, kRetry, kDead };
  Kind kind = Kind::kDelivered;
  std::string detail;    ///< delivered: result; retry: last error; dead: reason
  TimePoint retry_at{};  ///< retry only
  // The attempt's timeline (GET /v1/messages/{id}):
  TimePoint started_at{};   ///< epoch: unknown
  int far_status = 0;       ///< the far side's HTTP status; 0: no answer came
  std::string error_class;  ///< a short class of the failure (delivery/classify.hpp); empty: none
  /// What the journal adds to its "attempt" entry: the wire bodies' hashes, signatures.
  std::optional<evidence::Facts> evidence;

  static AttemptOutcome delivered(std::string result) {
    AttemptOutcome o;
    o.detail = std::move(result);
    return o;
  }
  static AttemptOutcome retry(std::string error, TimePoint at) {
    AttemptOutcome o;
    o.kind = Kind::kRetry;
    o.detail = std::move(error);
    o.retry_at = at;
    return o;
  }
  static AttemptOutcome dead(std::string reason) {
    AttemptOutcome o;
    o.kind = Kind::kDead;
    o.detail = std::move(reason);
    return o;
  }
};

/// One ended delivery attempt, as the message log keeps it.
struct AttemptRecord {
  int attempt = 0;
  std::string node_id;
  TimePoint ended_at{};
  MessageState outcome = MessageState::kDelivered;  ///< delivered, retrying or dead
  std::string detail;                               ///< result, error or reason
  std::optional<TimePoint> started_at;              ///< unknown for attempts before schema 4
  int far_status = 0;
  std::string error_class;
};

/// Which messages list() returns: newest first, at most `limit`, older than `before_id` when
/// given (paging).
struct ListFilter {
  std::string connector;                    ///< empty: all
  std::string operation;                    ///< empty: all
  std::optional<MessageState> state;        ///< empty: all
  std::optional<TimePoint> accepted_since;  ///< accepted at or after this
  std::optional<TimePoint> accepted_until;  ///< accepted before this
  std::string before_id;
  int limit = 100;
};

/// Delivery headers as stored (a JSON object of strings), and back; bad text gives none.
std::string headers_to_json(const std::map<std::string, std::string>& headers);
std::map<std::string, std::string> headers_from_json(std::string_view text);

/// Milliseconds since the Unix epoch, as the stores keep times.
std::int64_t to_millis(TimePoint t);
TimePoint from_millis(std::int64_t ms);

}  // namespace lienthong::store
