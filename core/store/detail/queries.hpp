#pragma once

#include <string_view>

// The store's SQL, shared by SQLite and PostgreSQL ($n placeholders; SQLite reads them as ?n).
// Times are Unix milliseconds; "unfinished" (finished_at IS NULL) = queued, in_flight, retrying.
namespace lienthong::store::queries {

inline constexpr std::string_view kIdempotent =
    "SELECT id, body_hash FROM messages WHERE client = $1 AND idempotency_key = $2";

// ON CONFLICT DO NOTHING: a concurrent accept of the same Idempotency-Key on another node
// (PostgreSQL) waits for that node's commit and then inserts nothing; we look again.
inline constexpr std::string_view kInsert =
    "INSERT INTO messages (id, client, connector, operation, ordering_key, idempotency_key, "
    "body_hash, body, headers, accepted_at, state, attempts, ready_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', 0, $11) "
    "ON CONFLICT DO NOTHING RETURNING seq";

// The ordering rule, for a candidate m: no other unfinished message of its key comes before it,
// and none is in flight or retrying (a replayed dead message waits for those).
// Two NOT EXISTS rather than one with an OR, so that each is one index probe
// (messages_key_unfinished, messages_key_busy) instead of a walk over the key's backlog.
#define LT_STORE_KEY_IS_FREE                                                            \
  "(m.ordering_key IS NULL OR (NOT EXISTS (SELECT 1 FROM messages o "                   \
  "WHERE o.ordering_key = m.ordering_key AND o.finished_at IS NULL AND o.seq < m.seq) " \
  "AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.ordering_key = m.ordering_key "     \
  "AND o.state IN ('in_flight', 'retrying') AND o.seq <> m.seq)))"

// Claim: due unfinished messages (a due in-flight one is a lease that expired), oldest first.
// LOCKING is where PostgreSQL adds FOR UPDATE SKIP LOCKED (README.md: why that, with the key
// locks taken by accepts, keeps per-key order across nodes).
#define LT_STORE_CLAIM(PAUSED, LOCKING)                                                         \
  "WITH c AS MATERIALIZED (SELECT m.seq AS claim_seq FROM messages m "                          \
  "WHERE m.finished_at IS NULL AND m.ready_at <= $1 AND (m.connector NOT IN (" PAUSED           \
  ") OR m.operation LIKE 'inbound/%') AND " LT_STORE_KEY_IS_FREE                                \
  " ORDER BY m.seq LIMIT $4" LOCKING                                                            \
  ") "                                                                                          \
  "UPDATE messages SET state = 'in_flight', attempts = attempts + 1, claimed_by = $2, "         \
  "lease_until = $3, ready_at = $3 FROM c WHERE messages.seq = c.claim_seq "                    \
  "RETURNING seq, id, client, connector, operation, ordering_key, idempotency_key, body_hash, " \
  "body, headers, accepted_at, attempts"

// $5 is a JSON array of the paused connectors. Inbound pushes ("inbound/<op>") of a paused
// connector still flow: they go to the provincial target, not to the connector's far side.
inline constexpr std::string_view kClaimSqlite =
    LT_STORE_CLAIM("SELECT value FROM json_each($5)", "");
inline constexpr std::string_view kClaimPostgres = LT_STORE_CLAIM(
    "SELECT json_array_elements_text(CAST($5 AS JSON))", " FOR UPDATE OF m SKIP LOCKED");

// A record or renewal is fenced by (claimed_by, attempts): a node whose lease was taken over
// cannot overwrite the new holder's attempt.
inline constexpr std::string_view kRecord =
    "UPDATE messages SET state = $4, ready_at = $5, claimed_by = NULL, lease_until = NULL, "
    "last_error = COALESCE($6, last_error), result = $7, dead_reason = $8, finished_at = $9, "
    "waiting_for = NULL WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND state = "
    "'in_flight' RETURNING seq";

// PostgreSQL does both in one round trip (SQLite has no UPDATE inside WITH).
inline constexpr std::string_view kRecordPostgres =
    "WITH u AS (UPDATE messages SET state = $4, ready_at = $5, claimed_by = NULL, "
    "lease_until = NULL, last_error = COALESCE($6, last_error), result = $7, dead_reason = $8, "
    "finished_at = $9, waiting_for = NULL WHERE id = $1 AND claimed_by = $2 AND attempts = $3 "
    "AND state = 'in_flight' RETURNING id, attempts) "
    "INSERT INTO attempts (message_id, attempt, node_id, ended_at, outcome, detail, started_at, "
    "far_status, error_class) "
    "SELECT id, attempts, $2, CAST($10 AS BIGINT), $4, CAST($11 AS TEXT), CAST($12 AS BIGINT), "
    "CAST($13 AS INTEGER), CAST($14 AS TEXT) FROM u RETURNING 1";

inline constexpr std::string_view kAttempt =
    "INSERT INTO attempts (message_id, attempt, node_id, ended_at, outcome, detail, started_at, "
    "far_status, error_class) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

inline constexpr std::string_view kStateOf = "SELECT state FROM messages WHERE id = $1";

inline constexpr std::string_view kRenew =
    "UPDATE messages SET lease_until = $4, ready_at = $4 "
    "WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND state = 'in_flight' RETURNING seq";

// Release undoes the claim's count (fenced like a record) and puts the message back as it was
// before the claim: queued, or retrying when it had attempts (so it keeps holding its key).
inline constexpr std::string_view kRelease =
    "UPDATE messages SET state = CASE WHEN attempts > 1 THEN 'retrying' ELSE 'queued' END, "
    "attempts = attempts - 1, ready_at = $4, claimed_by = NULL, lease_until = NULL, "
    "waiting_for = $5 "
    "WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND state = 'in_flight' RETURNING seq";

// Replay keeps seq, so the message takes its old place in its key's order.
inline constexpr std::string_view kReplay =
    "UPDATE messages SET state = 'queued', attempts = 0, ready_at = $2, finished_at = NULL, "
    "dead_reason = NULL WHERE id = $1 AND state = 'dead' RETURNING seq, connector, operation";

inline constexpr std::string_view kReplayAll =
    "UPDATE messages SET state = 'queued', attempts = 0, ready_at = $2, finished_at = NULL, "
    "dead_reason = NULL WHERE state = 'dead' AND (CAST($1 AS TEXT) = '' OR connector = $1) "
    "RETURNING id, connector, operation";

#define LT_STORE_FINISHED_BEFORE \
  "finished_at IS NOT NULL AND finished_at < $1 AND ($2 = 0 OR state = 'dead')"

inline constexpr std::string_view kRemoveAttempts =
    "DELETE FROM attempts WHERE message_id IN (SELECT id FROM messages "
    "WHERE " LT_STORE_FINISHED_BEFORE ")";
inline constexpr std::string_view kRemove =
    "DELETE FROM messages WHERE " LT_STORE_FINISHED_BEFORE " RETURNING id, connector, operation";

#define LT_STORE_STATUS_COLUMNS                                                             \
  "id, client, connector, operation, ordering_key, state, attempts, last_error, ready_at, " \
  "result, dead_reason, accepted_at, finished_at, seq, waiting_for, headers"

inline constexpr std::string_view kGet =
    "SELECT " LT_STORE_STATUS_COLUMNS " FROM messages WHERE id = $1";

// What an unfinished message of key $1 at seq $2 waits for (the same rule as claims).
inline constexpr std::string_view kWaiting =
    "SELECT o.id FROM messages o WHERE o.ordering_key = $1 AND o.finished_at IS NULL "
    "AND o.seq <> $2 AND (o.seq < $2 OR o.state IN ('in_flight', 'retrying')) "
    "ORDER BY o.seq LIMIT 1";

// $5 operation, $6 accepted at or after, $7 accepted before ('' and 0: any); the casts fix
// PostgreSQL's guess of a bare parameter's type (an integer too small for milliseconds).
inline constexpr std::string_view kList =
    "SELECT " LT_STORE_STATUS_COLUMNS
    " FROM messages WHERE (CAST($1 AS TEXT) = '' OR connector = $1) "
    "AND (CAST($2 AS TEXT) = '' OR state = $2) AND ($3 = 0 OR seq < $3) "
    "AND (CAST($5 AS TEXT) = '' OR operation = $5) "
    "AND (CAST($6 AS BIGINT) = 0 OR accepted_at >= $6) "
    "AND (CAST($7 AS BIGINT) = 0 OR accepted_at < $7) "
    "ORDER BY seq DESC LIMIT $4";

inline constexpr std::string_view kAttempts =
    "SELECT attempt, node_id, ended_at, outcome, detail, started_at, far_status, error_class "
    "FROM attempts WHERE message_id = $1 ORDER BY ended_at, attempt";

inline constexpr std::string_view kSeqOf = "SELECT seq FROM messages WHERE id = $1";

inline constexpr std::string_view kVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";

#undef LT_STORE_KEY_IS_FREE
#undef LT_STORE_CLAIM
#undef LT_STORE_FINISHED_BEFORE
#undef LT_STORE_STATUS_COLUMNS

}  // namespace lienthong::store::queries
