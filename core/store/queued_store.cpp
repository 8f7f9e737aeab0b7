#include "core/store/queued_store.hpp"

#include <optional>

#include "core/base/digest.hpp"
#include "core/base/uuid.hpp"

namespace lienthong::store {

QueuedStore::QueuedStore(std::unique_ptr<detail::Backend> backend, StoreOptions options)
    : backend_(std::move(backend)), options_(std::move(options)) {
  committer_ = std::make_unique<GroupCommitter>(*backend_, options_.max_batch);
}

// The committer goes first: it commits what is queued while the backend still exists.
QueuedStore::~QueuedStore() {
  committer_.reset();
}

TimePoint QueuedStore::now() const {
  return options_.clock ? options_.clock() : Clock::now();
}

template <class T, class Work>
void QueuedStore::submit(Work work, Done<T> done, std::string ordering_key) {
  auto result = std::make_shared<std::optional<Result<T>>>();
  GroupCommitter::Job job;
  job.run = [result, work = std::move(work)]() mutable {
    result->emplace(work());
    const auto& r = result->value();
    if (r.has_value()) return GroupCommitter::Outcome::kDone;
    // The backend answers kInternal for a failed statement only; every other kind is a
    // refusal decided before anything was written.
    return r.error().kind == ProblemKind::kInternal ? GroupCommitter::Outcome::kDatabaseError
                                                    : GroupCommitter::Outcome::kRefused;
  };
  job.finish = [result, done = std::move(done)](const Problem* commit_error) {
    if (commit_error != nullptr) {
      done(*commit_error);
    } else {
      done(std::move(**result));
    }
  };
  job.ordering_key = std::move(ordering_key);
  committer_->submit(std::move(job));
}

void QueuedStore::accept(NewMessage message, Done<Accepted> done) {
  if (message.id.empty()) message.id = uuid_v7();
  if (message.body_hash.empty()) message.body_hash = sha256_hex(message.body);
  if (message.accepted_at == TimePoint{}) message.accepted_at = now();
  std::string key = message.ordering_key;
  submit<Accepted>([this, m = std::move(message)] { return backend_->accept(m); }, std::move(done),
                   std::move(key));
}

void QueuedStore::claim(ClaimRequest request, Done<std::vector<ClaimedMessage>> done) {
  submit<std::vector<ClaimedMessage>>(
      [this, request = std::move(request)] {
        auto t = now();
        return backend_->claim(request, t, t + request.lease);
      },
      std::move(done));
}

void QueuedStore::record_attempt(Lease lease, AttemptOutcome outcome, Done<void> done) {
  submit<void>([this, lease = std::move(lease),
                outcome = std::move(outcome)] { return backend_->record(lease, outcome, now()); },
               std::move(done));
}

void QueuedStore::release(Lease lease, std::string waiting_for, Done<void> done) {
  submit<void>([this, lease = std::move(lease),
                why = std::move(waiting_for)] { return backend_->release(lease, why, now()); },
               std::move(done));
}

void QueuedStore::renew_lease(Lease lease, std::chrono::milliseconds extend, Done<Lease> done) {
  submit<Lease>(
      [this, lease = std::move(lease), extend] { return backend_->renew(lease, now() + extend); },
      std::move(done));
}

void QueuedStore::replay(std::string id, std::string actor, Done<void> done) {
  submit<void>(
      [this, id = std::move(id), a = std::move(actor)] { return backend_->replay(id, a, now()); },
      std::move(done));
}

void QueuedStore::replay_all_dead(std::string connector, std::string actor, Done<int> done) {
  submit<int>([this, c = std::move(connector),
               a = std::move(actor)] { return backend_->replay_all_dead(c, a, now()); },
              std::move(done));
}

void QueuedStore::purge_dead(TimePoint older_than, std::string actor, Done<int> done) {
  submit<int>(
      [this, older_than, a = std::move(actor)] {
        return backend_->remove_finished(older_than, true, a, now());
      },
      std::move(done));
}

void QueuedStore::remove_expired(std::chrono::milliseconds retention, Done<int> done) {
  submit<int>(
      [this, retention] {
        const auto t = now();
        return backend_->remove_finished(t - retention, false, "retention", t);
      },
      std::move(done));
}

void QueuedStore::append_evidence(evidence::Facts facts, Done<void> done) {
  submit<void>([this, f = std::move(facts)] { return backend_->append_evidence(f, now()); },
               std::move(done));
}

void QueuedStore::record_stamp(EvidenceStamp stamp, Done<void> done) {
  submit<void>([this, s = std::move(stamp)] { return backend_->record_stamp(s); }, std::move(done));
}

void QueuedStore::create_record(NewRecord record, Done<RecordCreated> done) {
  submit<RecordCreated>([this, r = std::move(record)] { return backend_->create_record(r, now()); },
                        std::move(done));
}

void QueuedStore::change_record(RecordChange change, std::optional<NewMessage> also_accept,
                                Done<ChangeOutcome> done) {
  std::string key;
  if (also_accept) {
    auto& m = *also_accept;
    if (m.id.empty()) m.id = uuid_v7();
    if (m.body_hash.empty()) m.body_hash = sha256_hex(m.body);
    if (m.accepted_at == TimePoint{}) m.accepted_at = now();
    key = m.ordering_key;
  }
  submit<ChangeOutcome>(
      [this, c = std::move(change), m = std::move(also_accept)] {
        return backend_->change_record(c, m, now());
      },
      std::move(done), std::move(key));
}

void QueuedStore::remove_record(std::string kind, std::string id,
                                std::vector<std::string> only_in_states, Done<bool> done) {
  submit<bool>([this, k = std::move(kind), i = std::move(id),
                s = std::move(only_in_states)] { return backend_->remove_record(k, i, s, now()); },
               std::move(done));
}

Result<StateRecord> QueuedStore::get_record(std::string_view kind, std::string_view id) {
  return backend_->get_record(kind, id);
}

Result<std::vector<StateRecord>> QueuedStore::list_records(const RecordFilter& filter) {
  return backend_->list_records(filter);
}

Result<std::vector<RecordEvent>> QueuedStore::record_events(std::string_view kind,
                                                            std::string_view id) {
  return backend_->record_events(kind, id);
}

Result<MessageStatus> QueuedStore::get(std::string_view id) {
  return backend_->get(id);
}

Result<std::vector<MessageStatus>> QueuedStore::list(const ListFilter& filter) {
  return backend_->list(filter);
}

Result<std::vector<AttemptRecord>> QueuedStore::attempts(std::string_view id) {
  return backend_->attempts(id);
}

Result<int> QueuedStore::schema_version() {
  return backend_->schema_version();
}

}  // namespace lienthong::store
