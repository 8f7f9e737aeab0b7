#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/store/counts.hpp"
#include "core/store/evidence_reader.hpp"
#include "core/store/message.hpp"
#include "core/store/record.hpp"

namespace lienthong::config {
struct StoreConfig;
struct HubConfig;
}  // namespace lienthong::config

namespace lienthong::store {

/// Called once with the outcome of a write. It runs on the store's writer thread, after the
/// transaction holding the write is durably committed (or has failed): the HTTP layer posts
/// it to its own executor (e.g. asio::post(ex, ...)) and must not block in it.
template <class T>
using Done = std::function<void(Result<T>)>;

struct StoreOptions {
  /// The time the store uses for readiness, leases and retention; tests pass a fake one.
  std::function<TimePoint()> clock;
  /// At most this many writes share one transaction (one fsync).
  std::size_t max_batch = 512;
  /// The evidence journal's chain of this hub node (README.md "Evidence journal"); empty:
  /// no journal — nothing is appended, reads answer an empty journal.
  std::string evidence_node;
};

/// The durable queue and message log (README.md: state machine, wiring).
///
/// Writes never block the caller: they are queued to one writer thread per store, which
/// commits every write queued meanwhile in one transaction (group commit) and then calls each
/// `done`. Reads block on a connection of their own: call them off the I/O threads.
class MessageStore {
 public:
  virtual ~MessageStore() = default;

  /// Stores a message as `queued`, or answers the first message's id when the same client
  /// sent the same Idempotency-Key before (kConflict when the body differs). `done` runs only
  /// after the commit is durable, so a 202 sent from it never promises a lost message.
  virtual void accept(NewMessage message, Done<Accepted> done) = 0;

  /// Takes up to `max` messages that are due, oldest first, leasing them to `node_id` for
  /// `lease`, skipping paused connectors. Per ordering key only the oldest unfinished message
  /// is claimable, and only when no other message of the key is in flight or retrying. A
  /// message whose lease expired is claimable again (another node takes over; the stale lease
  /// is fenced off).
  virtual void claim(ClaimRequest request, Done<std::vector<ClaimedMessage>> done) = 0;

  /// Ends an attempt: delivered (result), retry at a time (error), or dead (reason).
  /// kConflict when the lease is no longer this node's; kNotFound when there is no message.
  virtual void record_attempt(Lease lease, AttemptOutcome outcome, Done<void> done) = 0;

  /// Hands a claimed message back untried (the hub held the call back: its circuit is open or
  /// its quota used up): it is claimable again at once, the claim does not count as an attempt
  /// and no attempt is logged. `waiting_for` says why, for the message's status.
  /// kConflict when the lease is no longer this node's; kNotFound when there is no message.
  virtual void release(Lease lease, std::string waiting_for, Done<void> done) = 0;

  /// Extends a lease that is still ours; answers the new lease.
  virtual void renew_lease(Lease lease, std::chrono::milliseconds extend, Done<Lease> done) = 0;

  /// dead -> queued, keeping the id, the ordering key and its place in the key's order; the
  /// attempt count starts again. kConflict when the message is not dead. `actor` (who asked)
  /// is journalled with the action, here and below.
  virtual void replay(std::string id, std::string actor, Done<void> done) = 0;
  /// Replays every dead message of a connector (all connectors when empty); answers how many.
  virtual void replay_all_dead(std::string connector, std::string actor, Done<int> done) = 0;
  /// Removes dead messages that died before `older_than`; answers how many.
  virtual void purge_dead(TimePoint older_than, std::string actor, Done<int> done) = 0;
  /// Removes delivered and dead messages (and their attempts) finished more than `retention`
  /// ago, and archived evidence bodies past their expiry (their entries stay). Idempotency
  /// keys are remembered exactly as long as their message.
  virtual void remove_expired(std::chrono::milliseconds retention, Done<int> done) = 0;

  /// The evidence journal (README.md "Evidence journal"). Every write above appends its entry
  /// in its own transaction; this appends one of its own (a sync exchange, an operator's
  /// action), committed with whatever else the writer thread is committing (no fsync of its
  /// own). `done` after the commit.
  virtual void append_evidence(evidence::Facts facts, Done<void> done) = 0;
  /// Keeps a time-stamp token over a chain head.
  virtual void record_stamp(EvidenceStamp stamp, Done<void> done) = 0;
  /// The name of this store's chain; empty when the journal is off.
  [[nodiscard]] virtual const std::string& evidence_node() const = 0;
  /// The journal's entries, heads, bodies and stamps (any thread).
  virtual EvidenceReader& evidence() = 0;

  /// State records (record.hpp, README.md "State records"); never removed by remove_expired.
  /// Creates a record (version 1, a first history row). The same client's Idempotency-Key
  /// used before answers that record (`created` false) and inserts nothing; a duplicate id
  /// is kConflict.
  virtual void create_record(NewRecord record, Done<RecordCreated> done) = 0;
  /// In one transaction: reads the record (PostgreSQL: locked, so two nodes serialise) and,
  /// only when its state is one of `change.from_states`, stores `also_accept` like accept()
  /// and then the new state and a history row — all or nothing. Otherwise nothing changes and
  /// `applied` is false with the record as found. kNotFound for no record.
  virtual void change_record(RecordChange change, std::optional<NewMessage> also_accept,
                             Done<ChangeOutcome> done) = 0;
  /// Removes a record and its history when its state is one of `only_in_states`; answers
  /// whether it did.
  virtual void remove_record(std::string kind, std::string id,
                             std::vector<std::string> only_in_states, Done<bool> done) = 0;
  virtual Result<StateRecord> get_record(std::string_view kind, std::string_view id) = 0;
  /// Newest first (by creation), `limit` at most 10,000.
  virtual Result<std::vector<StateRecord>> list_records(const RecordFilter& filter) = 0;
  /// A record's history, oldest first.
  virtual Result<std::vector<RecordEvent>> record_events(std::string_view kind,
                                                         std::string_view id) = 0;

  virtual Result<MessageStatus> get(std::string_view id) = 0;
  virtual Result<std::vector<MessageStatus>> list(const ListFilter& filter) = 0;
  /// The ended attempts of a message, oldest first (empty when there were none).
  virtual Result<std::vector<AttemptRecord>> attempts(std::string_view id) = 0;
  virtual Result<int> schema_version() = 0;
  /// Unfinished messages by connector and state, with the oldest's acceptance (metrics).
  virtual Result<std::vector<QueueCount>> count_unfinished() {
    return Problem::make(ProblemKind::kInternal, "this store does not count");
  }
  /// Records of `kind` by state (metrics: payments by state).
  virtual Result<std::vector<RecordCount>> count_records(std::string_view /*kind*/) {
    return Problem::make(ProblemKind::kInternal, "this store does not count");
  }
};

/// Runs an asynchronous store call and waits for it: for tests, the CLI and start-up, never on
/// an I/O thread. `wait<Accepted>([&](auto done) { store.accept(m, done); })`.
template <class T, class Start>
Result<T> wait(Start&& start) {
  std::promise<Result<T>> promise;
  auto future = promise.get_future();
  start(Done<T>([&promise](Result<T> r) { promise.set_value(std::move(r)); }));
  return future.get();
}

/// SQLite (WAL, synchronous=FULL) at `path`; creates the file and its folder when missing and
/// applies pending schema migrations.
Result<std::unique_ptr<MessageStore>> open_sqlite_store(const std::filesystem::path& path,
                                                        StoreOptions options = {});
/// PostgreSQL through libpq (`connection` is a libpq connection string); applies pending
/// schema migrations. Several hub processes may share one database.
Result<std::unique_ptr<MessageStore>> open_pg_store(const std::string& connection,
                                                    StoreOptions options = {});
/// The store the hub's config names.
Result<std::unique_ptr<MessageStore>> open_store(const config::StoreConfig& config,
                                                 StoreOptions options = {});
/// The store of a hub's config with its evidence journal (`evidence`: on, this node's chain):
/// what the hub and its commands open.
Result<std::unique_ptr<MessageStore>> open_hub_store(const config::HubConfig& config,
                                                     StoreOptions options = {});

}  // namespace lienthong::store
