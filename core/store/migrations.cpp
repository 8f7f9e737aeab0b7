#include "core/store/migrations.hpp"

#include <array>

namespace lienthong::store {
namespace {

// Columns shared by both databases:
//   seq          acceptance order (the order of an ordering key)
//   ready_at     unfinished messages: when a claim may take it (the next attempt, or the end of
//                the current lease, after which another node takes over); NULL once finished
//   finished_at  delivered or dead: when; NULL while queued, in flight or retrying. The partial
//                indexes on "finished_at IS NULL" keep claims fast however much history is kept;
//                messages_key_busy holds only what is in flight or retrying, so that claims
//                and records rewrite few index pages (the drain is bound by pages written).
// Times are Unix milliseconds from the hub's clock.

constexpr std::string_view kSqliteV1 = R"sql(
CREATE TABLE messages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  client TEXT NOT NULL,
  connector TEXT NOT NULL,
  operation TEXT NOT NULL,
  ordering_key TEXT,
  idempotency_key TEXT,
  body_hash TEXT NOT NULL,
  body BLOB NOT NULL,
  headers TEXT NOT NULL,
  accepted_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  ready_at INTEGER,
  claimed_by TEXT,
  lease_until INTEGER,
  last_error TEXT,
  result TEXT,
  dead_reason TEXT,
  finished_at INTEGER
);
CREATE UNIQUE INDEX messages_idempotency ON messages(client, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX messages_unfinished ON messages(seq) WHERE finished_at IS NULL;
CREATE INDEX messages_key_unfinished ON messages(ordering_key, seq) WHERE finished_at IS NULL;
CREATE INDEX messages_key_busy ON messages(ordering_key) WHERE state IN ('in_flight', 'retrying');
CREATE INDEX messages_finished ON messages(finished_at) WHERE finished_at IS NOT NULL;
CREATE TABLE attempts (
  message_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  node_id TEXT NOT NULL,
  ended_at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX attempts_message ON attempts(message_id);
)sql";

constexpr std::string_view kPgV1 = R"sql(
CREATE TABLE messages (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  client TEXT NOT NULL,
  connector TEXT NOT NULL,
  operation TEXT NOT NULL,
  ordering_key TEXT,
  idempotency_key TEXT,
  body_hash TEXT NOT NULL,
  body TEXT NOT NULL,
  headers TEXT NOT NULL,
  accepted_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  ready_at BIGINT,
  claimed_by TEXT,
  lease_until BIGINT,
  last_error TEXT,
  result TEXT,
  dead_reason TEXT,
  finished_at BIGINT
);
CREATE UNIQUE INDEX messages_idempotency ON messages(client, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX messages_unfinished ON messages(seq) WHERE finished_at IS NULL;
CREATE INDEX messages_key_unfinished ON messages(ordering_key, seq) WHERE finished_at IS NULL;
CREATE INDEX messages_key_busy ON messages(ordering_key) WHERE state IN ('in_flight', 'retrying');
CREATE INDEX messages_finished ON messages(finished_at) WHERE finished_at IS NOT NULL;
CREATE TABLE attempts (
  message_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  node_id TEXT NOT NULL,
  ended_at BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX attempts_message ON attempts(message_id);
)sql";

constexpr std::array<Migration, 1> kSqlite{{{1, kSqliteV1}}};
constexpr std::array<Migration, 1> kPg{{{1, kPgV1}}};

}  // namespace

std::span<const Migration> sqlite_migrations() {
  return kSqlite;
}
std::span<const Migration> pg_migrations() {
  return kPg;
}

}  // namespace lienthong::store
