#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/store/message.hpp"

namespace lienthong::store {

// State records: durable records of a kind (a payment, ...) with a state, a JSON data blob and
// the history of their changes, beside the messages (README.md: state records). The store
// knows no state machine: a change applies only from the states its caller names (compare and
// set), so the rules stay with the caller.

/// A record to create.
struct NewRecord {
  std::string kind;
  std::string id;
  std::string client;           ///< who caused it (the Idempotency-Key's owner)
  std::string idempotency_key;  ///< empty: none
  std::string state;
  std::string data = "{}";  ///< JSON text
  std::string cause;        ///< short word for the history ("create")
  /// What the journal adds to the record's entry (the store writes kind, id, state, cause).
  std::optional<evidence::Facts> evidence;
};

struct StateRecord {
  std::string kind;
  std::string id;
  std::string client;
  std::string idempotency_key;
  std::string state;
  std::string data;
  TimePoint created_at{};
  TimePoint updated_at{};
  int version = 0;  ///< 1 at creation, +1 per applied change
};

/// `created` false: the same client's Idempotency-Key was used before, `record` is that one.
struct RecordCreated {
  bool created = false;
  StateRecord record;
};

/// A change that applies only when the record is in one of `from_states`.
struct RecordChange {
  std::string kind;
  std::string id;
  std::vector<std::string> from_states;
  std::string to_state;
  std::string data;    ///< JSON text replacing the record's data; empty keeps it
  std::string cause;   ///< short word ("ipn", "query", "expiry")
  std::string detail;  ///< short text for the history (no personal data)
  /// What the journal adds to the change's entry (the store writes from, to, cause).
  std::optional<evidence::Facts> evidence;
};

struct ChangeOutcome {
  bool applied = false;
  StateRecord record;               ///< after the change (applied), or as it was found
  std::optional<Accepted> message;  ///< the message stored with the change, when applied
};

struct RecordEvent {
  TimePoint at{};
  std::string from_state;  ///< empty at creation
  std::string to_state;
  std::string cause;
  std::string detail;
};

struct RecordFilter {
  std::string kind;
  std::optional<std::string> state;
  std::optional<TimePoint> created_from;  ///< inclusive
  std::optional<TimePoint> created_to;    ///< exclusive
  int limit = 100;
  std::string before;  ///< id: only records created before that one (paging)
};

}  // namespace lienthong::store
