#pragma once

#include <functional>
#include <utility>
#include <vector>

namespace lienthong::store {

/// The completions of one committed batch, run by the group committer on its thread. A `Done`
/// that hands its result to another thread can leave a flush here, so that a batch of N writes
/// wakes that thread once rather than N times (await_store gathers the coroutines it resumes on
/// one io_context into one post). The store knows no Asio: this is only the hook.
class CompletionBatch {
 public:
  CompletionBatch() : outer_(current_) { current_ = this; }
  /// Runs the flushes left by the completions (if close() did not).
  ~CompletionBatch() { close(); }
  CompletionBatch(const CompletionBatch&) = delete;
  CompletionBatch& operator=(const CompletionBatch&) = delete;

  /// The batch being completed on this thread, or nullptr (a completion run anywhere else).
  static CompletionBatch* current() { return current_; }

  /// Runs `flush` once, after the batch's last completion.
  void after(std::function<void()> flush) { flushes_.push_back(std::move(flush)); }

  /// Ends the batch: later completions on this thread are on their own again; then runs the
  /// flushes, in the order they were left.
  void close() {
    if (closed_) return;
    closed_ = true;
    current_ = outer_;
    auto flushes = std::move(flushes_);
    for (auto& f : flushes) f();
  }

 private:
  static inline thread_local CompletionBatch* current_ = nullptr;
  CompletionBatch* outer_;
  bool closed_ = false;
  std::vector<std::function<void()>> flushes_;
};

}  // namespace lienthong::store
