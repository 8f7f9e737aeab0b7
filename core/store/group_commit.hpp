#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/base/problem.hpp"
#include "core/store/detail/backend.hpp"

namespace lienthong::store {

/// The store's one writer thread. Writes are queued from any thread; the writer takes every
/// write queued meanwhile (up to a batch size), runs them in one transaction, commits once (one
/// fsync for the whole batch), and only then completes each write. Nothing waits for a batch to
/// fill: a lone write is committed at once, and batches grow by themselves while a commit is in
/// progress.
///
/// One failing write must not undo the others. A write that is refused (a conflict, a lost
/// lease) has written nothing, so it needs no undo. A database error does (and PostgreSQL
/// aborts the whole transaction on one), so then the batch is rolled back and run again with a
/// savepoint around each write — the rare path; the usual one costs no savepoint round trips.
class GroupCommitter {
 public:
  enum class Outcome {
    kDone,           ///< wrote what it had to
    kRefused,        ///< answered an error without writing anything
    kDatabaseError,  ///< a statement failed: its writes must be undone
  };

  struct Job {
    /// Runs inside the transaction; may run twice (see above), so it only reads its inputs.
    std::function<Outcome()> run;
    /// Runs after the commit: with nullptr when it is durable, else with why it failed.
    std::function<void(const Problem* commit_error)> finish;
    /// Ordering key the job inserts under (accepts only), locked for the whole batch.
    std::string ordering_key;
  };

  GroupCommitter(detail::Backend& backend, std::size_t max_batch);
  /// Commits what is queued, then stops the thread.
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  void submit(Job job);

  /// Transactions committed so far (tests and the bench check that batching happens).
  [[nodiscard]] std::size_t commits() const;

 private:
  void run();
  void commit_batch(std::deque<Job>& batch);
  /// Runs the jobs; without savepoints, false on the first database error (roll back and retry
  /// with them); with savepoints, false only when the transaction itself broke.
  Result<bool> run_jobs(std::deque<Job>& batch, bool savepoints);
  Result<void> begin_batch(const std::deque<Job>& batch);

  detail::Backend& backend_;
  std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::size_t commits_ = 0;
  std::thread thread_;
};

}  // namespace lienthong::store
