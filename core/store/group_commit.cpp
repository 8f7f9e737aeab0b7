#include "core/store/group_commit.hpp"

#include <algorithm>
#include <vector>

#include "core/store/completion_batch.hpp"

namespace lienthong::store {

GroupCommitter::GroupCommitter(detail::Backend& backend, std::size_t max_batch)
    : backend_(backend), max_batch_(std::max<std::size_t>(1, max_batch)) {
  thread_ = std::thread([this] { run(); });
}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void GroupCommitter::submit(Job job) {
  bool was_empty = false;
  {
    std::lock_guard lock(mutex_);
    was_empty = queue_.empty();
    queue_.push_back(std::move(job));
  }
  // The writer waits only for an empty queue to fill: whoever filled it has woken it, and a
  // writer that is busy takes what is queued when it comes back. One wake per batch, not per job.
  if (was_empty) wake_.notify_one();
}

std::size_t GroupCommitter::commits() const {
  std::lock_guard lock(mutex_);
  return commits_;
}

void GroupCommitter::run() {
  std::deque<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is committed
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit_batch(batch);
    batch.clear();
  }
}

Result<void> GroupCommitter::begin_batch(const std::deque<Job>& batch) {
  if (auto begun = backend_.begin(); !begun) return begun;
  std::vector<std::string> keys;
  for (const auto& job : batch) {
    if (!job.ordering_key.empty()) keys.push_back(job.ordering_key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (!keys.empty()) {
    if (auto locked = backend_.lock_ordering_keys(keys); !locked) {
      backend_.rollback();
      return locked;
    }
  }
  return {};
}

Result<bool> GroupCommitter::run_jobs(std::deque<Job>& batch, bool savepoints) {
  for (auto& job : batch) {
    if (savepoints) {
      if (auto sp = backend_.savepoint(); !sp) return sp.error();
    }
    auto outcome = job.run();
    if (outcome == Outcome::kDatabaseError) {
      if (!savepoints) return false;
      backend_.rollback_to_savepoint();
    }
    if (savepoints) {
      if (auto released = backend_.release_savepoint(); !released) return released.error();
    }
  }
  return true;
}

void GroupCommitter::commit_batch(std::deque<Job>& batch) {
  // The batch's completions hand their results back together (completion_batch.hpp).
  CompletionBatch completions;
  auto fail_all = [&batch](const Problem& p) {
    for (auto& job : batch) job.finish(&p);
  };
  if (auto begun = begin_batch(batch); !begun) return fail_all(begun.error());
  auto ran = run_jobs(batch, false);
  if (ran && !*ran) {
    backend_.rollback();
    if (auto begun = begin_batch(batch); !begun) return fail_all(begun.error());
    ran = run_jobs(batch, true);
  }
  if (!ran) {
    backend_.rollback();
    return fail_all(ran.error());
  }
  if (auto committed = backend_.commit(); !committed) {
    backend_.rollback();
    return fail_all(committed.error());
  }
  {
    std::lock_guard lock(mutex_);
    ++commits_;
  }
  for (auto& job : batch) job.finish(nullptr);
  completions.close();
}

}  // namespace lienthong::store
