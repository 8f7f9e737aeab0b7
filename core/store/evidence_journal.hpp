#pragma once

#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/evidence/facts.hpp"
#include "core/store/detail/connection.hpp"
#include "core/store/evidence_rows.hpp"
#include "core/store/message.hpp"

namespace lienthong::store {

/// The store's half of the evidence journal: appends entries to this node's hash chain inside
/// the transaction the group committer has open, so an entry commits (or not) with the state
/// it records, and reads the journal back. Owned by SqlBackend, which forwards its transaction
/// control here. Off (appends nothing) when the node name is empty.
///
/// The chain's head is read once per transaction that appends (locked on PostgreSQL), kept in
/// memory while the batch runs, and written back before COMMIT: one read and one write per
/// batch, not per entry. A savepoint keeps a copy, so a write undone by its savepoint takes its
/// entries out of the chain too.
class EvidenceJournal {
 public:
  EvidenceJournal(bool postgres, std::string node) : postgres_(postgres), node_(std::move(node)) {}

  [[nodiscard]] bool on() const { return !node_.empty(); }
  [[nodiscard]] const std::string& node() const { return node_; }
  Result<void> prepare(detail::Connection& writer, detail::Connection& reader);

  // Transaction control (writer thread), called by SqlBackend around its own.
  void began() { head_ = Head{}; }
  Result<void> before_commit(detail::Connection& writer);
  void rolled_back() { head_ = Head{}; }
  void savepoint() { saved_ = head_; }
  void rolled_back_to_savepoint() { head_ = saved_; }

  /// Appends one entry (writer thread, in the transaction).
  Result<void> append(detail::Connection& writer, const evidence::Facts& facts, TimePoint now);
  Result<void> record_stamp(detail::Connection& writer, const EvidenceStamp& stamp);
  Result<int> remove_expired_bodies(detail::Connection& writer, TimePoint now);

  // Reads (reader connection, serialised by the caller).
  Result<std::vector<EvidenceHead>> heads(detail::Connection& reader);
  Result<std::vector<EvidenceRow>> entries(detail::Connection& reader, const std::string& node,
                                           std::int64_t after_seq, int limit);
  Result<std::int64_t> first_since(detail::Connection& reader, const std::string& node,
                                   TimePoint since);
  Result<std::vector<EvidenceRow>> of_message(detail::Connection& reader,
                                              const std::string& message_id);
  /// Bodies of entries after_seq < seq <= to_seq, by entry.
  Result<std::vector<std::pair<std::int64_t, EvidenceBody>>> bodies(detail::Connection& reader,
                                                                    const std::string& node,
                                                                    std::int64_t after_seq,
                                                                    std::int64_t to_seq);
  /// Stamps of `node` at or after `from_seq`, oldest first.
  Result<std::vector<EvidenceStamp>> stamps(detail::Connection& reader, const std::string& node,
                                            std::int64_t from_seq, int limit);

 private:
  struct Head {
    bool loaded = false;
    bool moved = false;
    std::int64_t seq = 0;
    std::string hash;
  };
  Result<void> load_head(detail::Connection& writer);

  bool postgres_;
  std::string node_;
  Head head_, saved_;
  struct Writer {
    int head = -1, new_head = -1, move_head = -1, insert = -1, insert_body = -1, stamp = -1,
        expire = -1;
  } w_;
  struct Reader {
    int heads = -1, at_of = -1, entries = -1, first_since = -1, of_message = -1, bodies = -1,
        stamps = -1;
  } r_;
};

}  // namespace lienthong::store
