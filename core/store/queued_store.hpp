#pragma once

#include <memory>

#include "core/store/detail/backend.hpp"
#include "core/store/group_commit.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::store {

/// The MessageStore both databases share: every write goes through the group committer to
/// the backend's writer connection; reads go straight to the backend's read connection.
class QueuedStore final : public MessageStore {
 public:
  QueuedStore(std::unique_ptr<detail::Backend> backend, StoreOptions options);
  ~QueuedStore() override;

  void accept(NewMessage message, Done<Accepted> done) override;
  void claim(ClaimRequest request, Done<std::vector<ClaimedMessage>> done) override;
  void record_attempt(Lease lease, AttemptOutcome outcome, Done<void> done) override;
  void release(Lease lease, std::string waiting_for, Done<void> done) override;
  void renew_lease(Lease lease, std::chrono::milliseconds extend, Done<Lease> done) override;
  void replay(std::string id, std::string actor, Done<void> done) override;
  void replay_all_dead(std::string connector, std::string actor, Done<int> done) override;
  void purge_dead(TimePoint older_than, std::string actor, Done<int> done) override;
  void remove_expired(std::chrono::milliseconds retention, Done<int> done) override;
  void create_record(NewRecord record, Done<RecordCreated> done) override;
  void change_record(RecordChange change, std::optional<NewMessage> also_accept,
                     Done<ChangeOutcome> done) override;
  void remove_record(std::string kind, std::string id, std::vector<std::string> only_in_states,
                     Done<bool> done) override;

  Result<MessageStatus> get(std::string_view id) override;
  Result<std::vector<MessageStatus>> list(const ListFilter& filter) override;
  Result<std::vector<AttemptRecord>> attempts(std::string_view id) override;
  Result<StateRecord> get_record(std::string_view kind, std::string_view id) override;
  Result<std::vector<StateRecord>> list_records(const RecordFilter& filter) override;
  Result<std::vector<RecordEvent>> record_events(std::string_view kind,
                                                 std::string_view id) override;
  Result<int> schema_version() override;
  Result<std::vector<QueueCount>> count_unfinished() override {
    return backend_->count_unfinished();
  }
  Result<std::vector<RecordCount>> count_records(std::string_view kind) override {
    return backend_->count_records(kind);
  }
  void append_evidence(evidence::Facts facts, Done<void> done) override;
  void record_stamp(EvidenceStamp stamp, Done<void> done) override;
  [[nodiscard]] const std::string& evidence_node() const override { return options_.evidence_node; }
  EvidenceReader& evidence() override { return *backend_; }

  /// Transactions committed so far.
  [[nodiscard]] std::size_t commits() const { return committer_->commits(); }

 private:
  TimePoint now() const;
  template <class T, class Work>
  void submit(Work work, Done<T> done, std::string ordering_key = {});

  std::unique_ptr<detail::Backend> backend_;
  StoreOptions options_;
  std::unique_ptr<GroupCommitter> committer_;
};

}  // namespace lienthong::store
