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
/// write queued meanwhile (up to a batch size), runs them in one transaction — each inside a
/// savepoint, so one failing write does not undo the others — commits once (one fsync for the
/// whole batch), and only then completes each write. Nothing waits for a batch to fill: a lone
/// write is committed at once, and batches grow by themselves while a commit is in progress.
class GroupCommitter {
 public:
  struct Job {
    /// Runs inside the transaction; false undoes this job's writes (its savepoint).
    std::function<bool()> run;
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
