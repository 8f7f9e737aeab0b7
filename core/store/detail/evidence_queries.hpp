#pragma once

#include <string_view>

// The SQL of the evidence journal (evidence_journal.hpp), shared by SQLite and PostgreSQL like
// queries.hpp. Bodies, nonces and tokens are kept as base64 text: the store binds text and
// integers only, the same way on both databases.
namespace lienthong::store::evidence_queries {

inline constexpr std::string_view kHead = "SELECT seq, hash FROM evidence_heads WHERE node = $1";
// PostgreSQL: the head row stays locked until commit, so two writers of one node's chain (two
// processes given the same node name) take turns instead of forking it.
inline constexpr std::string_view kHeadForUpdatePostgres =
    "SELECT seq, hash FROM evidence_heads WHERE node = $1 FOR UPDATE";
inline constexpr std::string_view kNewHead =
    "INSERT INTO evidence_heads (node, seq, hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING";
inline constexpr std::string_view kMoveHead =
    "UPDATE evidence_heads SET seq = $2, hash = $3 WHERE node = $1";
inline constexpr std::string_view kInsert =
    "INSERT INTO evidence (node, seq, id, message_id, at, entry, hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
inline constexpr std::string_view kInsertBody =
    "INSERT INTO evidence_bodies (node, seq, role, key_id, nonce, ciphertext, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
inline constexpr std::string_view kInsertStamp =
    "INSERT INTO evidence_stamps (node, seq, hash, token, gen_time) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT DO NOTHING";
inline constexpr std::string_view kRemoveExpiredBodies =
    "DELETE FROM evidence_bodies WHERE expires_at < $1 RETURNING seq";

#define LT_EVIDENCE_COLUMNS "node, seq, id, message_id, at, entry, hash"

inline constexpr std::string_view kHeads =
    "SELECT h.node, h.seq, h.hash, COALESCE((SELECT MAX(s.seq) FROM evidence_stamps s "
    "WHERE s.node = h.node), 0) FROM evidence_heads h ORDER BY h.node";
inline constexpr std::string_view kAtOf = "SELECT at FROM evidence WHERE node = $1 AND seq = $2";
inline constexpr std::string_view kEntries = "SELECT " LT_EVIDENCE_COLUMNS
                                             " FROM evidence WHERE node = $1 AND seq > $2 "
                                             "ORDER BY seq LIMIT $3";
inline constexpr std::string_view kFirstSince =
    "SELECT COALESCE(MIN(seq), 0) FROM evidence WHERE node = $1 AND at >= $2";
inline constexpr std::string_view kOfMessage = "SELECT " LT_EVIDENCE_COLUMNS
                                               " FROM evidence WHERE message_id = $1 "
                                               "ORDER BY node, seq";
inline constexpr std::string_view kBodies =
    "SELECT seq, role, key_id, nonce, ciphertext, expires_at FROM evidence_bodies "
    "WHERE node = $1 AND seq > $2 AND seq <= $3 ORDER BY seq, role";
inline constexpr std::string_view kStamps =
    "SELECT seq, hash, token, gen_time FROM evidence_stamps WHERE node = $1 AND seq >= $2 "
    "ORDER BY seq LIMIT $3";

#undef LT_EVIDENCE_COLUMNS

}  // namespace lienthong::store::evidence_queries
