#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <span>

#include "core/store/detail/backend.hpp"
#include "core/store/detail/connection.hpp"
#include "core/store/evidence_journal.hpp"
#include "core/store/migrations.hpp"

namespace lienthong::store {

/// The two databases speak nearly the same SQL; where they differ, it says so.
enum class Dialect { kSqlite, kPostgres };

/// The store's logic in SQL, over a writer connection (writer thread only) and a reader
/// connection (any thread, serialised by a mutex). Queries are prepared once, at open.
class SqlBackend final : public detail::Backend {
 public:
  /// Applies pending migrations on `writer`, then prepares every statement. `evidence_node`
  /// names this node's journal chain (empty: no journal).
  static Result<std::unique_ptr<SqlBackend>> open(Dialect dialect,
                                                  std::unique_ptr<detail::Connection> writer,
                                                  std::unique_ptr<detail::Connection> reader,
                                                  std::string evidence_node = {});

  Result<void> begin() override;
  Result<void> commit() override;
  void rollback() override;
  Result<void> savepoint() override;
  Result<void> release_savepoint() override;
  void rollback_to_savepoint() override;
  Result<void> lock_ordering_keys(const std::vector<std::string>& keys) override;

  Result<Accepted> accept(const NewMessage& message) override;
  Result<std::vector<ClaimedMessage>> claim(const ClaimRequest& request, TimePoint now,
                                            TimePoint lease_until) override;
  Result<void> record(const Lease& lease, const AttemptOutcome& outcome, TimePoint now) override;
  Result<void> release(const Lease& lease, const std::string& waiting_for, TimePoint now) override;
  Result<Lease> renew(const Lease& lease, TimePoint until) override;
  Result<void> replay(const std::string& id, const std::string& actor, TimePoint now) override;
  Result<int> replay_all_dead(const std::string& connector, const std::string& actor,
                              TimePoint now) override;
  Result<int> remove_finished(TimePoint cutoff, bool dead_only, const std::string& actor,
                              TimePoint now) override;
  Result<void> append_evidence(const evidence::Facts& facts, TimePoint now) override;
  Result<void> record_stamp(const EvidenceStamp& stamp) override;
  Result<RecordCreated> create_record(const NewRecord& record, TimePoint now) override;
  Result<ChangeOutcome> change_record(const RecordChange& change,
                                      const std::optional<NewMessage>& also_accept,
                                      TimePoint now) override;
  Result<bool> remove_record(const std::string& kind, const std::string& id,
                             const std::vector<std::string>& only_in_states,
                             TimePoint now) override;

  Result<MessageStatus> get(std::string_view id) override;
  Result<std::vector<MessageStatus>> list(const ListFilter& filter) override;
  Result<std::vector<AttemptRecord>> attempts(std::string_view id) override;
  Result<StateRecord> get_record(std::string_view kind, std::string_view id) override;
  Result<std::vector<StateRecord>> list_records(const RecordFilter& filter) override;
  Result<std::vector<RecordEvent>> record_events(std::string_view kind,
                                                 std::string_view id) override;
  Result<int> schema_version() override;
  /// sql_counts.cpp; prepared on first use.
  Result<std::vector<QueueCount>> count_unfinished() override;
  Result<std::vector<RecordCount>> count_records(std::string_view kind) override;
  // EvidenceReader (sql_evidence.cpp).
  Result<std::vector<EvidenceHead>> heads() override;
  Result<std::vector<EvidenceRow>> entries(const std::string& node, std::int64_t after_seq,
                                           int limit) override;
  Result<std::int64_t> first_since(const std::string& node, TimePoint since) override;
  Result<std::vector<EvidenceRow>> of_message(std::string_view message_id) override;
  Result<std::vector<std::pair<std::int64_t, EvidenceBody>>> bodies(const std::string& node,
                                                                    std::int64_t after_seq,
                                                                    std::int64_t to_seq) override;
  Result<std::vector<EvidenceStamp>> stamps(const std::string& node, std::int64_t from_seq,
                                            int limit) override;

 private:
  SqlBackend(Dialect dialect, std::unique_ptr<detail::Connection> writer,
             std::unique_ptr<detail::Connection> reader, std::string evidence_node)
      : dialect_(dialect),
        writer_(std::move(writer)),
        reader_(std::move(reader)),
        journal_(dialect == Dialect::kPostgres, std::move(evidence_node)) {}
  /// Appends the journal's entry for a write (off: nothing).
  Result<void> journal(evidence::Facts facts, TimePoint now);
  enum class Control { kBegin, kCommit, kRollback, kSavepoint, kRelease, kRollbackTo };
  Result<void> control(Control which);
  [[nodiscard]] std::string_view control_sql(Control which) const;
  Result<void> migrate(std::span<const Migration> steps);
  Result<void> prepare_all();
  /// The state records' statements (sql_records.cpp, with their methods).
  Result<void> prepare_records();
  Result<std::optional<Accepted>> find_idempotent(const NewMessage& m);
  Result<void> explain_missed_update(const std::string& id, std::string_view what);

  Dialect dialect_;
  std::unique_ptr<detail::Connection> writer_;
  std::unique_ptr<detail::Connection> reader_;
  std::mutex reader_mutex_;
  int count_unfinished_ = -1, count_records_ = -1;  ///< reader statements (sql_counts.cpp)
  EvidenceJournal journal_;

  struct WriterStatements {
    int idempotent = -1, insert = -1, claim = -1, record = -1, attempt = -1, state_of = -1,
        renew = -1, release = -1, replay = -1, replay_all = -1, remove_attempts = -1, remove = -1,
        lock_keys = -1;
  } w_;
  struct ReaderStatements {
    int get = -1, waiting = -1, list = -1, seq_of = -1, version = -1, attempts = -1;
  } r_;
  struct RecordStatements {
    int by_key = -1, insert = -1, get_locked = -1, update = -1, event = -1, remove_events = -1,
        remove = -1;                       // writer
    int get = -1, list = -1, events = -1;  // reader
  } rec_;
  std::array<int, 6> control_{-1, -1, -1, -1, -1, -1};
};

}  // namespace lienthong::store
