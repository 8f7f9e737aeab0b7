#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/evidence/facts.hpp"
#include "core/store/counts.hpp"
#include "core/store/evidence_reader.hpp"
#include "core/store/message.hpp"
#include "core/store/record.hpp"

namespace lienthong::store::detail {

/// One database's side of a MessageStore. The write half runs on the writer thread only, inside
/// a transaction opened by the group committer; the read half may be called from any thread
/// (the backend serialises it on a connection of its own).
class Backend : public EvidenceReader {
 public:
  // Transaction control (writer thread).
  virtual Result<void> begin() = 0;
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;
  virtual Result<void> savepoint() = 0;
  virtual Result<void> release_savepoint() = 0;
  virtual void rollback_to_savepoint() = 0;
  /// Serialises, until commit, every other writer (other processes too) that accepts messages
  /// with one of these ordering keys; `keys` is sorted so that two writers cannot deadlock.
  virtual Result<void> lock_ordering_keys(const std::vector<std::string>& keys) = 0;

  // Writes (writer thread, inside the transaction).
  virtual Result<Accepted> accept(const NewMessage& message) = 0;
  virtual Result<std::vector<ClaimedMessage>> claim(const ClaimRequest& request, TimePoint now,
                                                    TimePoint lease_until) = 0;
  virtual Result<void> record(const Lease& lease, const AttemptOutcome& outcome, TimePoint now) = 0;
  virtual Result<void> release(const Lease& lease, const std::string& waiting_for,
                               TimePoint now) = 0;
  virtual Result<Lease> renew(const Lease& lease, TimePoint until) = 0;
  /// Operators' actions name who asked (`actor`), for the journal.
  virtual Result<void> replay(const std::string& id, const std::string& actor, TimePoint now) = 0;
  virtual Result<int> replay_all_dead(const std::string& connector, const std::string& actor,
                                      TimePoint now) = 0;
  /// Removes finished messages (only dead ones when `dead_only`) finished before `cutoff`, and
  /// (retention, not dead_only) archived bodies past their expiry.
  virtual Result<int> remove_finished(TimePoint cutoff, bool dead_only, const std::string& actor,
                                      TimePoint now) = 0;
  /// The evidence journal: an entry of its own (a sync exchange, an operator's action), and a
  /// time-stamp token over a chain head.
  virtual Result<void> append_evidence(const evidence::Facts& facts, TimePoint now) = 0;
  virtual Result<void> record_stamp(const EvidenceStamp& stamp) = 0;
  /// State records (record.hpp). A create answers the same client's record of the same
  /// Idempotency-Key instead of inserting; a change reads the record (locked until commit),
  /// and only from one of its from_states stores `also_accept` (as accept() does) and then the
  /// new state and its history row.
  virtual Result<RecordCreated> create_record(const NewRecord& record, TimePoint now) = 0;
  virtual Result<ChangeOutcome> change_record(const RecordChange& change,
                                              const std::optional<NewMessage>& also_accept,
                                              TimePoint now) = 0;
  virtual Result<bool> remove_record(const std::string& kind, const std::string& id,
                                     const std::vector<std::string>& only_in_states,
                                     TimePoint now) = 0;

  // Reads (any thread).
  virtual Result<MessageStatus> get(std::string_view id) = 0;
  virtual Result<std::vector<MessageStatus>> list(const ListFilter& filter) = 0;
  virtual Result<std::vector<AttemptRecord>> attempts(std::string_view id) = 0;
  virtual Result<StateRecord> get_record(std::string_view kind, std::string_view id) = 0;
  virtual Result<std::vector<StateRecord>> list_records(const RecordFilter& filter) = 0;
  virtual Result<std::vector<RecordEvent>> record_events(std::string_view kind,
                                                         std::string_view id) = 0;
  virtual Result<int> schema_version() = 0;
  virtual Result<std::vector<QueueCount>> count_unfinished() {
    return Problem::make(ProblemKind::kInternal, "this backend does not count");
  }
  virtual Result<std::vector<RecordCount>> count_records(std::string_view /*kind*/) {
    return Problem::make(ProblemKind::kInternal, "this backend does not count");
  }
};

}  // namespace lienthong::store::detail
