#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <optional>
#include <type_traits>

namespace lienthong::pipeline {

/// The hub's CPU worker threads: RSA signing and verification (and anything else CPU-heavy or
/// blocking) run here, never on the I/O threads. One per hub, shared by every stage.
class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Runs `work()` on a worker thread; the awaiting coroutine resumes on its own executor.
  /// `work` must not touch the I/O objects of the caller. Exceptions are rethrown here.
  template <class F>
  boost::asio::awaitable<std::invoke_result_t<F&>> run(F work);

  /// Waits for queued work to finish and joins the threads (also done by the destructor).
  void join();

 private:
  boost::asio::thread_pool pool_;
};

/// `pool->run(work)`, or `work()` inline when there is no pool (tools that never serve).
template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> run_on(WorkerPool* pool, F work) {
  if (pool == nullptr) co_return work();
  co_return co_await pool->run(std::move(work));
}

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> WorkerPool::run(F work) {
  using R = std::invoke_result_t<F&>;
  // co_spawn hands a default-constructed value to its handler on exceptions: wrap in optional.
  auto done = co_await boost::asio::co_spawn(
      pool_, [&work]() -> boost::asio::awaitable<std::optional<R>> { co_return work(); },
      boost::asio::use_awaitable);
  co_return std::move(*done);
}

}  // namespace lienthong::pipeline
