#pragma once

#include <string_view>

// The SQL of state records (record.hpp), shared by SQLite and PostgreSQL like queries.hpp.
namespace lienthong::store::record_queries {

#define LT_RECORD_COLUMNS \
  "kind, id, client, idempotency_key, state, data, created_at, updated_at, version"

inline constexpr std::string_view kByKey = "SELECT " LT_RECORD_COLUMNS
                                           " FROM records WHERE kind = $1 AND client = $2 AND "
                                           "idempotency_key = $3";

// ON CONFLICT DO NOTHING: the same Idempotency-Key inserted meanwhile by another node (PG waits
// for its commit) inserts nothing, and the caller reads that record; a duplicate id likewise.
inline constexpr std::string_view kInsert =
    "INSERT INTO records (kind, id, client, idempotency_key, state, data, created_at, "
    "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1) ON CONFLICT DO NOTHING "
    "RETURNING version";

inline constexpr std::string_view kGet =
    "SELECT " LT_RECORD_COLUMNS " FROM records WHERE kind = $1 AND id = $2";
// PostgreSQL: the row stays locked until commit, so two nodes' changes of one record serialise
// (SQLite's BEGIN IMMEDIATE already makes every write transaction exclusive).
inline constexpr std::string_view kGetForUpdatePostgres =
    "SELECT " LT_RECORD_COLUMNS " FROM records WHERE kind = $1 AND id = $2 FOR UPDATE";

inline constexpr std::string_view kUpdate =
    "UPDATE records SET state = $3, data = $4, updated_at = $5, version = version + 1 "
    "WHERE kind = $1 AND id = $2";

inline constexpr std::string_view kEvent =
    "INSERT INTO record_events (kind, id, at, from_state, to_state, cause, detail) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";

inline constexpr std::string_view kRemoveEvents =
    "DELETE FROM record_events WHERE kind = $1 AND id = $2";
inline constexpr std::string_view kRemove = "DELETE FROM records WHERE kind = $1 AND id = $2";

inline constexpr std::string_view kEvents =
    "SELECT at, from_state, to_state, cause, detail FROM record_events WHERE kind = $1 AND "
    "id = $2 ORDER BY seq";

// $2 state or '', $3/$4 created_at bounds or 0, $5 the paging id or '', $6 limit.
inline constexpr std::string_view kList =
    "SELECT " LT_RECORD_COLUMNS
    " FROM records WHERE kind = $1 "
    "AND (CAST($2 AS TEXT) = '' OR state = $2) AND (CAST($3 AS BIGINT) = 0 OR created_at >= $3) "
    "AND (CAST($4 AS BIGINT) = 0 OR created_at < $4) "
    "AND (CAST($5 AS TEXT) = '' OR (created_at, id) < (SELECT b.created_at, b.id FROM records b "
    "WHERE b.kind = $1 AND b.id = $5)) ORDER BY created_at DESC, id DESC LIMIT $6";

#undef LT_RECORD_COLUMNS

}  // namespace lienthong::store::record_queries
