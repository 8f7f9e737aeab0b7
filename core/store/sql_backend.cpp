#include "core/store/sql_backend.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/store/detail/queries.hpp"

namespace lienthong::store {
namespace {

using detail::Param;
using detail::Rows;
using detail::text_or_null;

Problem not_found(std::string_view id) {
  return Problem::make(ProblemKind::kNotFound, "no message " + std::string(id));
}

MessageStatus status_of(const Rows& rows, std::size_t i) {
  MessageStatus s;
  s.id = rows.text(i, 0);
  s.client = rows.text(i, 1);
  s.connector = rows.text(i, 2);
  s.operation = rows.text(i, 3);
  s.ordering_key = rows.text(i, 4);
  s.state = parse_state(rows.text(i, 5)).value_or(MessageState::kQueued);
  s.attempts = static_cast<int>(rows.int64(i, 6));
  s.last_error = rows.text(i, 7);
  if (s.state == MessageState::kQueued || s.state == MessageState::kRetrying) {
    if (auto at = rows.opt_int64(i, 8)) s.next_attempt_at = from_millis(*at);
  }
  s.result = rows.text(i, 9);
  s.dead_reason = rows.text(i, 10);
  s.accepted_at = from_millis(rows.int64(i, 11));
  if (auto at = rows.opt_int64(i, 12)) s.finished_at = from_millis(*at);
  if (s.state == MessageState::kQueued || s.state == MessageState::kRetrying) {
    s.waiting_for = rows.text(i, 14);
  }
  const auto headers = headers_from_json(rows.text(i, 15));
  if (const auto tp = headers.find("traceparent"); tp != headers.end()) s.traceparent = tp->second;
  return s;
}

int count(const Result<Rows>& r) {
  return static_cast<int>(r->size());
}

evidence::Facts accepted_facts(const NewMessage& m, const Accepted& a) {
  auto f = m.evidence.value_or(evidence::Facts{});
  f.kind = "accepted";
  f.message_id = a.id;
  if (f.actor.empty()) f.actor = m.client;
  f.connector = m.connector;
  f.operation = m.operation;
  f.request_sha256 = m.body_hash;
  f.outcome = a.duplicate ? "duplicate" : "queued";
  return f;
}

evidence::Facts attempt_facts(const Lease& lease, const AttemptOutcome& o,
                              const std::string& state) {
  auto f = o.evidence.value_or(evidence::Facts{});
  f.kind = "attempt";
  f.message_id = lease.message_id;
  if (f.actor.empty()) f.actor = lease.node_id;
  f.outcome = state;
  if (f.detail.empty()) {
    f.detail = "attempt " + std::to_string(lease.attempt);
    if (!o.error_class.empty()) f.detail += ": " + o.error_class;
  }
  return f;
}

// An operator's (or the retention sweep's) action on one message.
evidence::Facts action_facts(const Rows& rows, std::size_t i, const std::string& actor,
                             std::string action, std::string outcome) {
  evidence::Facts f;
  f.kind = "action";
  f.message_id = rows.text(i, 0);
  f.connector = rows.text(i, 1);
  f.operation = rows.text(i, 2);
  f.actor = actor;
  f.detail = std::move(action);
  f.outcome = std::move(outcome);
  return f;
}

}  // namespace

Result<std::unique_ptr<SqlBackend>> SqlBackend::open(Dialect dialect,
                                                     std::unique_ptr<detail::Connection> writer,
                                                     std::unique_ptr<detail::Connection> reader,
                                                     std::string evidence_node) {
  std::unique_ptr<SqlBackend> b(
      new SqlBackend(dialect, std::move(writer), std::move(reader), std::move(evidence_node)));
  if (auto m = b->migrate(dialect == Dialect::kSqlite ? sqlite_migrations() : pg_migrations());
      !m) {
    return m.error();
  }
  if (auto p = b->prepare_all(); !p) return p.error();
  return b;
}

Result<void> SqlBackend::prepare_all() {
  auto claim_sql = dialect_ == Dialect::kSqlite ? queries::kClaimSqlite : queries::kClaimPostgres;
  // Ordering keys joined by U+001F, locked in hash order (one statement, one round trip).
  std::string_view lock_sql =
      dialect_ == Dialect::kPostgres
          ? "SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h "
            "FROM unnest(string_to_array($1, chr(31))) AS k ORDER BY h) AS s"
          : "SELECT 1";
  struct Item {
    int* slot;
    std::string_view sql;
    detail::Connection* conn;
  };
  auto* w = writer_.get();
  auto* r = reader_.get();
  const Item items[] = {
      {&w_.idempotent, queries::kIdempotent, w},
      {&w_.insert, queries::kInsert, w},
      {&w_.claim, claim_sql, w},
      {&w_.record, dialect_ == Dialect::kSqlite ? queries::kRecord : queries::kRecordPostgres, w},
      {&w_.attempt, queries::kAttempt, w},
      {&w_.state_of, queries::kStateOf, w},
      {&w_.renew, queries::kRenew, w},
      {&w_.release, queries::kRelease, w},
      {&w_.replay, queries::kReplay, w},
      {&w_.replay_all, queries::kReplayAll, w},
      {&w_.remove_attempts, queries::kRemoveAttempts, w},
      {&w_.remove, queries::kRemove, w},
      {&w_.lock_keys, lock_sql, w},
      {&r_.get, queries::kGet, r},
      {&r_.waiting, queries::kWaiting, r},
      {&r_.list, queries::kList, r},
      {&r_.seq_of, queries::kSeqOf, r},
      {&r_.version, queries::kVersion, r},
      {&r_.attempts, queries::kAttempts, r},
  };
  for (const auto& item : items) {
    auto id = item.conn->prepare(item.sql);
    if (!id) return id.error();
    *item.slot = *id;
  }
  if (auto records = prepare_records(); !records) return records;
  if (auto j = journal_.prepare(*writer_, *reader_); !j) return j;
  if (dialect_ == Dialect::kSqlite) {
    for (std::size_t i = 0; i < control_.size(); ++i) {
      auto id = writer_->prepare(control_sql(static_cast<Control>(i)));
      if (!id) return id.error();
      control_[i] = *id;
    }
  }
  return {};
}

Result<void> SqlBackend::control(Control which) {
  const auto i = static_cast<std::size_t>(which);
  // Prepared once on SQLite (after migrations); PostgreSQL runs them as simple queries.
  if (control_[i] >= 0) {
    auto r = writer_->query(control_[i], {});
    if (!r) return r.error();
    return {};
  }
  return writer_->exec(control_sql(which));
}

std::string_view SqlBackend::control_sql(Control which) const {
  switch (which) {
    case Control::kBegin:
      // BEGIN IMMEDIATE takes SQLite's write lock at once, so a batch never fails half-way on
      // SQLITE_BUSY when another process writes; the busy timeout waits for it instead.
      return dialect_ == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN";
    case Control::kCommit:
      return "COMMIT";
    case Control::kRollback:
      return "ROLLBACK";
    case Control::kSavepoint:
      return "SAVEPOINT job";
    case Control::kRelease:
      return "RELEASE SAVEPOINT job";
    case Control::kRollbackTo:
      return "ROLLBACK TO SAVEPOINT job";
  }
  return "ROLLBACK";
}

Result<void> SqlBackend::begin() {
  journal_.began();
  return control(Control::kBegin);
}
Result<void> SqlBackend::commit() {
  if (auto head = journal_.before_commit(*writer_); !head) return head;
  return control(Control::kCommit);
}
void SqlBackend::rollback() {
  journal_.rolled_back();
  (void)control(Control::kRollback);
}
Result<void> SqlBackend::savepoint() {
  journal_.savepoint();
  return control(Control::kSavepoint);
}
Result<void> SqlBackend::release_savepoint() {
  return control(Control::kRelease);
}
void SqlBackend::rollback_to_savepoint() {
  journal_.rolled_back_to_savepoint();
  (void)control(Control::kRollbackTo);
}

// Why accepts lock their ordering keys on PostgreSQL: `seq` is drawn from a sequence when a row
// is inserted, but the row becomes visible when its transaction commits. Two hubs accepting
// messages of one key at once could commit seq 11 before seq 10, and a claim in between would
// take 11 as the head of the key: order broken. A transaction-scoped advisory lock per key,
// held from before the INSERT until COMMIT, makes seq order and commit order the same for a
// key. Advisory locks rather than a `key_heads` table: nothing to keep in step with the
// messages, no rows to clean up, and no contention at all between different keys. Claims need
// no key lock: FOR UPDATE SKIP LOCKED stops two nodes taking one row, and the head rule is
// re-checked by every claim against what is committed (tests: TwoNodesKeepPerKeyOrder...).
// A key containing U+001F is split in two here: more locks than needed, never fewer.
// SQLite has one writer per database file (BEGIN IMMEDIATE), so there is nothing to lock.
Result<void> SqlBackend::lock_ordering_keys(const std::vector<std::string>& keys) {
  if (dialect_ == Dialect::kSqlite || keys.empty()) return {};
  std::string joined;
  for (const auto& k : keys) {
    if (!joined.empty()) joined.push_back('\x1f');
    joined += k;
  }
  auto r = writer_->query(w_.lock_keys, {joined});
  if (!r) return r.error();
  return {};
}

Result<std::optional<Accepted>> SqlBackend::find_idempotent(const NewMessage& m) {
  auto r = writer_->query(w_.idempotent, {m.client, m.idempotency_key});
  if (!r) return r.error();
  if (r->empty()) return std::optional<Accepted>();
  if (r->text(0, 1) != m.body_hash) {
    return Problem::make(
        ProblemKind::kConflict,
        "Idempotency-Key was used before with a different body (message " + r->text(0, 0) + ")");
  }
  return std::optional(Accepted{r->text(0, 0), true});
}

Result<Accepted> SqlBackend::accept(const NewMessage& m) {
  if (!m.idempotency_key.empty()) {
    auto found = find_idempotent(m);
    if (!found) return found.error();
    if (*found) {
      if (auto j = journal(accepted_facts(m, **found), m.accepted_at); !j) return j.error();
      return **found;
    }
  }
  const auto at = to_millis(m.accepted_at);
  const auto ready = std::max(at, to_millis(m.ready_at));
  auto r = writer_->query(w_.insert, {m.id, m.client, m.connector, m.operation,
                                      text_or_null(m.ordering_key), text_or_null(m.idempotency_key),
                                      m.body_hash, m.body, headers_to_json(m.headers), at, ready});
  if (!r) return r.error();
  std::optional<Accepted> accepted;
  if (!r->empty()) {
    accepted = Accepted{m.id, false};
  } else if (!m.idempotency_key.empty()) {
    auto found = find_idempotent(m);
    if (!found) return found.error();
    accepted = *found;
  }
  if (!accepted) return Problem::make(ProblemKind::kConflict, "message id " + m.id + " exists");
  if (auto j = journal(accepted_facts(m, *accepted), m.accepted_at); !j) return j.error();
  return *accepted;
}

Result<std::vector<ClaimedMessage>> SqlBackend::claim(const ClaimRequest& request, TimePoint now,
                                                      TimePoint lease_until) {
  const auto& node_id = request.node_id;
  auto r = writer_->query(
      w_.claim, {to_millis(now), node_id, to_millis(lease_until), std::int64_t{request.max},
                 nlohmann::json(request.paused_connectors).dump()});
  if (!r) return r.error();
  std::vector<std::pair<std::int64_t, ClaimedMessage>> claimed;
  claimed.reserve(r->size());
  for (std::size_t i = 0; i < r->size(); ++i) {
    ClaimedMessage c;
    auto& m = c.message;
    m.id = r->text(i, 1);
    m.client = r->text(i, 2);
    m.connector = r->text(i, 3);
    m.operation = r->text(i, 4);
    m.ordering_key = r->text(i, 5);
    m.idempotency_key = r->text(i, 6);
    m.body_hash = r->text(i, 7);
    m.body = r->text(i, 8);
    m.headers = headers_from_json(r->text(i, 9));
    m.accepted_at = from_millis(r->int64(i, 10));
    c.lease = Lease{m.id, node_id, static_cast<int>(r->int64(i, 11)), lease_until};
    claimed.emplace_back(r->int64(i, 0), std::move(c));
  }
  // RETURNING gives no order; deliver in acceptance order.
  std::sort(claimed.begin(), claimed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ClaimedMessage> out;
  out.reserve(claimed.size());
  for (auto& [seq, c] : claimed) out.push_back(std::move(c));
  return out;
}

Result<void> SqlBackend::explain_missed_update(const std::string& id, std::string_view what) {
  auto s = writer_->query(w_.state_of, {id});
  if (!s) return s.error();
  if (s->empty()) return not_found(id);
  return Problem::make(ProblemKind::kConflict,
                       "message " + id + " is " + s->text(0, 0) + ": " + std::string(what));
}

Result<void> SqlBackend::record(const Lease& lease, const AttemptOutcome& outcome, TimePoint now) {
  using Kind = AttemptOutcome::Kind;
  const auto t = to_millis(now);
  Param state = std::string(outcome.kind == Kind::kDelivered ? "delivered"
                            : outcome.kind == Kind::kRetry   ? "retrying"
                                                             : "dead");
  Param ready = outcome.kind == Kind::kRetry ? Param(to_millis(outcome.retry_at)) : nullptr;
  Param error = outcome.kind == Kind::kRetry ? Param(outcome.detail) : nullptr;
  Param result = outcome.kind == Kind::kDelivered ? Param(outcome.detail) : nullptr;
  Param reason = outcome.kind == Kind::kDead ? Param(outcome.detail) : nullptr;
  Param finished = outcome.kind == Kind::kRetry ? Param(nullptr) : Param(t);
  std::vector<Param> params{
      lease.message_id, lease.node_id, std::int64_t{lease.attempt}, state, ready, error, result,
      reason,           finished};
  const Param started =
      outcome.started_at == TimePoint{} ? Param(nullptr) : Param(to_millis(outcome.started_at));
  const Param far_status =
      outcome.far_status == 0 ? Param(nullptr) : Param(std::int64_t{outcome.far_status});
  const Param error_class = text_or_null(outcome.error_class);
  if (dialect_ == Dialect::kPostgres) {  // the attempt row in the same statement
    params.insert(params.end(), {t, outcome.detail, started, far_status, error_class});
  }
  auto r = writer_->query(w_.record, params);
  if (!r) return r.error();
  if (r->empty()) return explain_missed_update(lease.message_id, "the lease is not ours");
  if (dialect_ == Dialect::kSqlite) {
    auto a =
        writer_->query(w_.attempt, {lease.message_id, std::int64_t{lease.attempt}, lease.node_id, t,
                                    state, outcome.detail, started, far_status, error_class});
    if (!a) return a.error();
  }
  return journal(attempt_facts(lease, outcome, std::get<std::string>(state)), now);
}

Result<void> SqlBackend::release(const Lease& lease, const std::string& waiting_for,
                                 TimePoint now) {
  auto r = writer_->query(w_.release, {lease.message_id, lease.node_id, std::int64_t{lease.attempt},
                                       to_millis(now), waiting_for});
  if (!r) return r.error();
  if (r->empty()) return explain_missed_update(lease.message_id, "the lease is not ours");
  return {};
}

Result<Lease> SqlBackend::renew(const Lease& lease, TimePoint until) {
  auto r = writer_->query(
      w_.renew, {lease.message_id, lease.node_id, std::int64_t{lease.attempt}, to_millis(until)});
  if (!r) return r.error();
  if (r->empty()) return explain_missed_update(lease.message_id, "the lease is not ours").error();
  Lease renewed = lease;
  renewed.until = until;
  return renewed;
}

Result<void> SqlBackend::replay(const std::string& id, const std::string& actor, TimePoint now) {
  auto r = writer_->query(w_.replay, {id, to_millis(now)});
  if (!r) return r.error();
  if (r->empty()) return explain_missed_update(id, "only dead messages are replayed");
  auto f = action_facts(*r, 0, actor, "replay", "queued");
  f.message_id = id;  // the row answers seq first
  f.connector = r->text(0, 1);
  f.operation = r->text(0, 2);
  return journal(std::move(f), now);
}

Result<int> SqlBackend::replay_all_dead(const std::string& connector, const std::string& actor,
                                        TimePoint now) {
  auto r = writer_->query(w_.replay_all, {connector, to_millis(now)});
  if (!r) return r.error();
  for (std::size_t i = 0; i < r->size(); ++i) {
    if (auto j = journal(action_facts(*r, i, actor, "replay", "queued"), now); !j) return j.error();
  }
  return count(r);
}

Result<int> SqlBackend::remove_finished(TimePoint cutoff, bool dead_only, const std::string& actor,
                                        TimePoint now) {
  std::vector<Param> params{to_millis(cutoff), std::int64_t{dead_only ? 1 : 0}};
  if (auto a = writer_->query(w_.remove_attempts, params); !a) return a.error();
  auto r = writer_->query(w_.remove, params);
  if (!r) return r.error();
  if (dead_only) {  // an operator's purge: each message's own entry says it went
    for (std::size_t i = 0; i < r->size(); ++i) {
      if (auto j = journal(action_facts(*r, i, actor, "purge", "removed"), now); !j) {
        return j.error();
      }
    }
    return count(r);
  }
  auto bodies = journal_.remove_expired_bodies(*writer_, now);
  if (!bodies) return bodies.error();
  if (!r->empty() || *bodies > 0) {  // retention: one entry for the sweep
    evidence::Facts f;
    f.kind = "action";
    f.actor = actor;
    f.detail = "retention";
    f.outcome = std::to_string(r->size()) + " messages, " + std::to_string(*bodies) +
                " archived bodies removed";
    if (auto j = journal(std::move(f), now); !j) return j.error();
  }
  return count(r);
}

Result<MessageStatus> SqlBackend::get(std::string_view id) {
  std::lock_guard lock(reader_mutex_);
  auto r = reader_->query(r_.get, {std::string(id)});
  if (!r) return r.error();
  if (r->empty()) return not_found(id);
  auto s = status_of(*r, 0);
  bool unfinished = !s.finished_at.has_value();
  if (unfinished && s.state != MessageState::kInFlight && !s.ordering_key.empty()) {
    auto w = reader_->query(r_.waiting, {s.ordering_key, r->int64(0, 13)});
    if (!w) return w.error();
    if (!w->empty()) s.waiting_behind = w->text(0, 0);
  }
  return s;
}

Result<std::vector<MessageStatus>> SqlBackend::list(const ListFilter& filter) {
  std::lock_guard lock(reader_mutex_);
  std::int64_t before = 0;
  if (!filter.before_id.empty()) {
    auto s = reader_->query(r_.seq_of, {filter.before_id});
    if (!s) return s.error();
    if (s->empty()) return not_found(filter.before_id);
    before = s->int64(0, 0);
  }
  std::string state = filter.state ? std::string(to_string(*filter.state)) : std::string();
  // 0 stands for "no bound"; a bound at the epoch itself is taken as 1 ms after it.
  const auto bound = [](const std::optional<TimePoint>& t) -> std::int64_t {
    return t ? std::max<std::int64_t>(to_millis(*t), 1) : 0;
  };
  auto r = reader_->query(
      r_.list, {filter.connector, state, before, std::int64_t{std::clamp(filter.limit, 1, 1000)},
                filter.operation, bound(filter.accepted_since), bound(filter.accepted_until)});
  if (!r) return r.error();
  std::vector<MessageStatus> out;
  out.reserve(r->size());
  for (std::size_t i = 0; i < r->size(); ++i) out.push_back(status_of(*r, i));
  return out;
}

Result<std::vector<AttemptRecord>> SqlBackend::attempts(std::string_view id) {
  std::lock_guard lock(reader_mutex_);
  auto r = reader_->query(r_.attempts, {std::string(id)});
  if (!r) return r.error();
  std::vector<AttemptRecord> out;
  out.reserve(r->size());
  for (std::size_t i = 0; i < r->size(); ++i) {
    AttemptRecord a{static_cast<int>(r->int64(i, 0)), r->text(i, 1), from_millis(r->int64(i, 2)),
                    parse_state(r->text(i, 3)).value_or(MessageState::kDead), r->text(i, 4)};
    if (auto at = r->opt_int64(i, 5)) a.started_at = from_millis(*at);
    a.far_status = static_cast<int>(r->opt_int64(i, 6).value_or(0));
    a.error_class = r->text(i, 7);
    out.push_back(std::move(a));
  }
  return out;
}

Result<int> SqlBackend::schema_version() {
  std::lock_guard lock(reader_mutex_);
  auto r = reader_->query(r_.version, {});
  if (!r) return r.error();
  return static_cast<int>(r->int64(0, 0));
}

}  // namespace lienthong::store
