#include "core/store/group_commit.hpp"

#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <tuple>

namespace lienthong::store {
namespace {

/// Records the transaction calls the committer makes; the store calls are never used here.
class ScriptedBackend final : public detail::Backend {
 public:
  Result<void> begin() override { return note("BEGIN"); }
  Result<void> commit() override {
    (void)note("COMMIT");
    if (fail_commit) return Problem::make(ProblemKind::kInternal, "disk full");
    return {};
  }
  void rollback() override { (void)note("ROLLBACK"); }
  Result<void> savepoint() override { return note("SAVEPOINT"); }
  Result<void> release_savepoint() override { return note("RELEASE"); }
  void rollback_to_savepoint() override { (void)note("ROLLBACK TO"); }
  Result<void> lock_ordering_keys(const std::vector<std::string>& keys) override {
    std::string all;
    for (const auto& k : keys) all += k + ",";
    return note("LOCK " + all);
  }
  Result<Accepted> accept(const NewMessage&) override { return Accepted{}; }
  Result<std::vector<ClaimedMessage>> claim(const ClaimRequest&, TimePoint, TimePoint) override {
    return std::vector<ClaimedMessage>{};
  }
  Result<void> record(const Lease&, const AttemptOutcome&, TimePoint) override { return {}; }
  Result<void> release(const Lease&, const std::string&, TimePoint) override { return {}; }
  Result<Lease> renew(const Lease& l, TimePoint) override { return l; }
  Result<void> replay(const std::string&, const std::string&, TimePoint) override { return {}; }
  Result<int> replay_all_dead(const std::string&, const std::string&, TimePoint) override {
    return 0;
  }
  Result<int> remove_finished(TimePoint, bool, const std::string&, TimePoint) override { return 0; }
  Result<void> append_evidence(const evidence::Facts&, TimePoint) override { return {}; }
  Result<void> record_stamp(const EvidenceStamp&) override { return {}; }
  Result<std::vector<EvidenceHead>> heads() override { return std::vector<EvidenceHead>{}; }
  Result<std::vector<EvidenceRow>> entries(const std::string&, std::int64_t, int) override {
    return std::vector<EvidenceRow>{};
  }
  Result<std::int64_t> first_since(const std::string&, TimePoint) override {
    return std::int64_t{0};
  }
  Result<std::vector<EvidenceRow>> of_message(std::string_view) override {
    return std::vector<EvidenceRow>{};
  }
  Result<std::vector<std::pair<std::int64_t, EvidenceBody>>> bodies(const std::string&,
                                                                    std::int64_t,
                                                                    std::int64_t) override {
    return std::vector<std::pair<std::int64_t, EvidenceBody>>{};
  }
  Result<std::vector<EvidenceStamp>> stamps(const std::string&, std::int64_t, int) override {
    return std::vector<EvidenceStamp>{};
  }
  Result<MessageStatus> get(std::string_view) override { return MessageStatus{}; }
  Result<std::vector<MessageStatus>> list(const ListFilter&) override {
    return std::vector<MessageStatus>{};
  }
  Result<std::vector<AttemptRecord>> attempts(std::string_view) override {
    return std::vector<AttemptRecord>{};
  }
  Result<int> schema_version() override { return 0; }
  Result<RecordCreated> create_record(const NewRecord&, TimePoint) override {
    return RecordCreated{};
  }
  Result<ChangeOutcome> change_record(const RecordChange&, const std::optional<NewMessage>&,
                                      TimePoint) override {
    return ChangeOutcome{};
  }
  Result<bool> remove_record(const std::string&, const std::string&,
                             const std::vector<std::string>&, TimePoint) override {
    return false;
  }
  Result<StateRecord> get_record(std::string_view, std::string_view) override {
    return StateRecord{};
  }
  Result<std::vector<StateRecord>> list_records(const RecordFilter&) override {
    return std::vector<StateRecord>{};
  }
  Result<std::vector<RecordEvent>> record_events(std::string_view, std::string_view) override {
    return std::vector<RecordEvent>{};
  }

  Result<void> note(std::string call) {
    std::lock_guard lock(mutex);
    calls.push_back(std::move(call));
    return {};
  }
  std::vector<std::string> log() {
    std::lock_guard lock(mutex);
    return calls;
  }

  std::mutex mutex;
  std::vector<std::string> calls;
  bool fail_commit = false;
};

using Outcome = GroupCommitter::Outcome;

GroupCommitter::Job job(ScriptedBackend& b, const std::string& name, Outcome outcome,
                        std::string key, const std::shared_ptr<std::promise<std::string>>& out) {
  GroupCommitter::Job j;
  j.run = [&b, name, outcome] {
    (void)b.note("run " + name);
    return outcome;
  };
  j.finish = [out](const Problem* p) { out->set_value(p == nullptr ? "committed" : p->detail); };
  j.ordering_key = std::move(key);
  return j;
}

/// Runs `jobs` as one batch (queued from inside a first job, so that they land together).
std::vector<std::string> run_batch(
    ScriptedBackend& b, std::vector<std::tuple<const char*, Outcome, const char*>> jobs) {
  std::vector<std::shared_ptr<std::promise<std::string>>> outs;
  {
    GroupCommitter c(b, 16);
    auto gate = std::make_shared<std::promise<std::string>>();
    GroupCommitter::Job first;
    first.run = [&] {
      for (auto [name, outcome, key] : jobs) {
        outs.push_back(std::make_shared<std::promise<std::string>>());
        c.submit(job(b, name, outcome, key, outs.back()));
      }
      return Outcome::kDone;
    };
    first.finish = [gate](const Problem*) { gate->set_value("done"); };
    c.submit(std::move(first));
    EXPECT_EQ(gate->get_future().get(), "done");
    for (auto& o : outs) EXPECT_EQ(o->get_future().get(), "committed");
    EXPECT_EQ(c.commits(), 2u);
  }
  auto log = b.log();
  EXPECT_EQ(std::vector<std::string>(log.begin(), log.begin() + 2),
            (std::vector<std::string>{"BEGIN", "COMMIT"}));  // the first job's batch
  return {log.begin() + 2, log.end()};
}

TEST(GroupCommit, ABatchIsOneTransactionWithItsKeysLockedSortedOnce) {
  ScriptedBackend b;
  EXPECT_EQ(
      run_batch(b, {{"a", Outcome::kDone, "K2"},
                    {"b", Outcome::kRefused, "K1"},
                    {"c", Outcome::kDone, "K2"}}),
      (std::vector<std::string>{"BEGIN", "LOCK K1,K2,", "run a", "run b", "run c", "COMMIT"}));
}

TEST(GroupCommit, ADatabaseErrorIsUndoneAloneByRunningTheBatchAgainWithSavepoints) {
  ScriptedBackend b;
  EXPECT_EQ(run_batch(b, {{"a", Outcome::kDone, ""},
                          {"b", Outcome::kDatabaseError, ""},
                          {"c", Outcome::kDone, ""}}),
            (std::vector<std::string>{"BEGIN", "run a", "run b", "ROLLBACK",  //
                                      "BEGIN",                                //
                                      "SAVEPOINT", "run a", "RELEASE",        //
                                      "SAVEPOINT", "run b", "ROLLBACK TO", "RELEASE", "SAVEPOINT",
                                      "run c", "RELEASE", "COMMIT"}));
}

TEST(GroupCommit, AFailedCommitFailsEveryJobOfTheBatch) {
  ScriptedBackend b;
  b.fail_commit = true;
  auto out = std::make_shared<std::promise<std::string>>();
  {
    GroupCommitter c(b, 16);
    c.submit(job(b, "a", Outcome::kDone, "", out));
  }
  EXPECT_EQ(out->get_future().get(), "disk full");
  EXPECT_EQ(b.log().back(), "ROLLBACK");
}

}  // namespace
}  // namespace lienthong::store
