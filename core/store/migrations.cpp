#include "core/store/migrations.hpp"

#include <array>
#include <string>

#include "core/store/detail/queries.hpp"
#include "core/store/sql_backend.hpp"

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

// v2: why a queued message waits (its claim was handed back: circuit open, quota used up).
constexpr std::string_view kV2 = "ALTER TABLE messages ADD COLUMN waiting_for TEXT";

// v3: state records (record.hpp) and their history. A record is never removed by retention:
// its owner decides (a payment lives until it is reconciled).
#define LT_STORE_RECORDS_V3(SEQ, INT)                                                      \
  "CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, client TEXT NOT NULL, "     \
  "idempotency_key TEXT, state TEXT NOT NULL, data TEXT NOT NULL, created_at " INT         \
  " NOT NULL, updated_at " INT                                                             \
  " NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (kind, id));"                          \
  "CREATE UNIQUE INDEX records_idempotency ON records(kind, client, idempotency_key) "     \
  "WHERE idempotency_key IS NOT NULL;"                                                     \
  "CREATE INDEX records_state ON records(kind, state, created_at);"                        \
  "CREATE INDEX records_created ON records(kind, created_at);"                             \
  "CREATE TABLE record_events (seq " SEQ ", kind TEXT NOT NULL, id TEXT NOT NULL, at " INT \
  " NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL, cause TEXT NOT NULL, "     \
  "detail TEXT NOT NULL);"                                                                 \
  "CREATE INDEX record_events_record ON record_events(kind, id, seq);"
constexpr std::string_view kSqliteV3 = LT_STORE_RECORDS_V3("INTEGER PRIMARY KEY", "INTEGER");
constexpr std::string_view kPgV3 = LT_STORE_RECORDS_V3("BIGSERIAL PRIMARY KEY", "BIGINT");
#undef LT_STORE_RECORDS_V3

// v4: the evidence journal (evidence_journal.hpp): one hash chain per hub node, its head, the
// bodies archived with entries (sealed, removed at their expiry while the entry stays) and the
// time-stamp tokens over chain heads; and the attempts' timeline (when an attempt started, the
// far side's HTTP status, the class of its error).
#define LT_STORE_EVIDENCE_V4(INT)                                                        \
  "CREATE TABLE evidence (node TEXT NOT NULL, seq " INT                                  \
  " NOT NULL, id TEXT NOT NULL, "                                                        \
  "message_id TEXT, at " INT                                                             \
  " NOT NULL, entry TEXT NOT NULL, hash TEXT NOT NULL, "                                 \
  "PRIMARY KEY (node, seq));"                                                            \
  "CREATE INDEX evidence_message ON evidence(message_id) WHERE message_id IS NOT NULL;"  \
  "CREATE INDEX evidence_at ON evidence(node, at);"                                      \
  "CREATE TABLE evidence_heads (node TEXT PRIMARY KEY, seq " INT                         \
  " NOT NULL, hash TEXT NOT NULL);"                                                      \
  "CREATE TABLE evidence_bodies (node TEXT NOT NULL, seq " INT                           \
  " NOT NULL, role TEXT NOT NULL, "                                                      \
  "key_id TEXT NOT NULL, nonce TEXT NOT NULL, ciphertext TEXT NOT NULL, expires_at " INT \
  " NOT NULL, PRIMARY KEY (node, seq, role));"                                           \
  "CREATE INDEX evidence_bodies_expiry ON evidence_bodies(expires_at);"                  \
  "CREATE TABLE evidence_stamps (node TEXT NOT NULL, seq " INT                           \
  " NOT NULL, hash TEXT NOT NULL, "                                                      \
  "token TEXT NOT NULL, gen_time " INT                                                   \
  " NOT NULL, PRIMARY KEY (node, seq));"                                                 \
  "ALTER TABLE attempts ADD COLUMN started_at " INT                                      \
  ";"                                                                                    \
  "ALTER TABLE attempts ADD COLUMN far_status INTEGER;"                                  \
  "ALTER TABLE attempts ADD COLUMN error_class TEXT;"
constexpr std::string_view kSqliteV4 = LT_STORE_EVIDENCE_V4("INTEGER");
constexpr std::string_view kPgV4 = LT_STORE_EVIDENCE_V4("BIGINT");
#undef LT_STORE_EVIDENCE_V4

constexpr std::array<Migration, 4> kSqlite{
    {{1, kSqliteV1}, {2, kV2}, {3, kSqliteV3}, {4, kSqliteV4}}};
constexpr std::array<Migration, 4> kPg{{{1, kPgV1}, {2, kV2}, {3, kPgV3}, {4, kPgV4}}};

}  // namespace

std::span<const Migration> sqlite_migrations() {
  return kSqlite;
}
std::span<const Migration> pg_migrations() {
  return kPg;
}

Result<void> SqlBackend::migrate(std::span<const Migration> steps) {
  const int known = steps.empty() ? 0 : steps.back().version;
  int version_query = -1;
  // Each step in its own transaction, re-reading the version inside it: another process may be
  // opening the same database at the same moment (SQLite: BEGIN IMMEDIATE serialises us;
  // PostgreSQL: a transaction-scoped advisory lock does).
  for (std::size_t i = 0; i <= steps.size(); ++i) {
    if (auto b = begin(); !b) return b;
    auto fail = [this](Problem p) -> Result<void> {
      rollback();
      return p;
    };
    if (dialect_ == Dialect::kPostgres) {
      if (auto r = writer_->exec("SELECT pg_advisory_xact_lock(7305812011)"); !r) {
        return fail(r.error());
      }
    }
    if (auto r =
            writer_->exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        !r) {
      return fail(r.error());
    }
    if (version_query < 0) {
      auto q = writer_->prepare(queries::kVersion);
      if (!q) return fail(q.error());
      version_query = *q;
    }
    auto v = writer_->query(version_query, {});
    if (!v) return fail(v.error());
    const auto current = static_cast<int>(v->int64(0, 0));
    if (current > known) {
      return fail(Problem::make(ProblemKind::kInternal,
                                "message store: the database has schema version " +
                                    std::to_string(current) + ", newer than this hub's " +
                                    std::to_string(known)));
    }
    if (i == steps.size() || current >= steps[i].version) {
      if (auto c = commit(); !c) return fail(c.error());
      continue;
    }
    if (auto r = writer_->exec(steps[i].sql); !r) return fail(r.error());
    if (auto r = writer_->exec("INSERT INTO schema_version (version) VALUES (" +
                               std::to_string(steps[i].version) + ")");
        !r) {
      return fail(r.error());
    }
    if (auto c = commit(); !c) return fail(c.error());
  }
  return {};
}

}  // namespace lienthong::store
