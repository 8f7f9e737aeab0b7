#pragma once

// The one bridge from the store's `Done<T>` callbacks and blocking reads to coroutines, for the
// Asio side of the hub (the store itself knows no Asio; only code that links Asio includes this).

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/base/problem.hpp"
#include "core/store/completion_batch.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::store {
namespace detail {

/// A coroutine waiting for a store result, with its result.
class Resumption {
 public:
  virtual ~Resumption() = default;
  /// On a thread of its io_context: resumes it on its own executor (at once when that is free).
  virtual void dispatch() = 0;
};

template <class Executor, class Handler, class T>
class ResumptionOf final : public Resumption {
 public:
  ResumptionOf(Executor executor, std::shared_ptr<Handler> handler, Result<T> result)
      : executor_(std::move(executor)), handler_(std::move(handler)), result_(std::move(result)) {}
  void dispatch() override {
    boost::asio::dispatch(executor_,
                          [handler = std::move(handler_), result = std::move(result_)]() mutable {
                            (*handler)(std::move(result));
                          });
  }

 private:
  Executor executor_;
  std::shared_ptr<Handler> handler_;
  Result<T> result_;
};

/// The resumptions one CompletionBatch (a committed batch of the group committer) leaves, by
/// io_context: when the batch ends, one post per io_context resumes them all, instead of one
/// post (one wake of an I/O thread, one queue lock, one allocation) per write.
class PendingResumptions {
 public:
  static void leave(CompletionBatch& batch, boost::asio::io_context& context,
                    std::unique_ptr<Resumption> resumption) {
    if (current_ == nullptr) {
      auto pending = std::make_shared<PendingResumptions>();
      current_ = pending.get();
      batch.after([pending] {
        current_ = nullptr;
        pending->flush();
      });
    }
    auto& groups = current_->groups_;
    auto it = groups.begin();
    while (it != groups.end() && it->first != &context) ++it;
    if (it == groups.end()) {
      groups.emplace_back(&context, std::vector<std::unique_ptr<Resumption>>());
      it = std::prev(groups.end());
    }
    it->second.push_back(std::move(resumption));
  }

 private:
  void flush() {
    for (auto& [context, resumptions] : groups_) {
      boost::asio::post(context->get_executor(), [all = std::move(resumptions)]() mutable {
        for (auto& r : all) r->dispatch();
      });
    }
    groups_.clear();
  }

  static inline thread_local PendingResumptions* current_ = nullptr;
  std::vector<std::pair<boost::asio::io_context*, std::vector<std::unique_ptr<Resumption>>>>
      groups_;
};

/// The io_context an executor runs on (a strand's too), or nullptr for any other kind.
template <class Executor>
boost::asio::io_context* io_context_of(const Executor& executor) {
  using IoExecutor = boost::asio::io_context::executor_type;
  if constexpr (std::is_same_v<Executor, boost::asio::any_io_executor>) {
    if (const auto* plain = executor.template target<IoExecutor>())
      return &boost::asio::query(*plain, boost::asio::execution::context);
    if (const auto* strand = executor.template target<boost::asio::strand<IoExecutor>>()) {
      return &boost::asio::query(strand->get_inner_executor(), boost::asio::execution::context);
    }
  }
  return nullptr;
}

}  // namespace detail

/// Awaits a store call that reports through a `Done<T>`:
/// `co_await await_store<Accepted>(start)` with `start = [&](Done<Accepted> done) { s.accept(m,
/// done); }`. `done` may run on any thread (the store's writer thread, a blocking pool); the
/// coroutine resumes on its own executor, never on that thread. `start` is moved (or copied)
/// into the operation before it begins. Pass it as a named variable: GCC 12 destroys some
/// temporaries of a co_await full-expression twice (GCC bug 99576). The writes of one committed
/// batch resume their coroutines together: one post per io_context for the batch.
template <class T, class Start>
boost::asio::awaitable<Result<T>> await_store(Start&& start) {
  using Init = std::decay_t<Start>;
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>, void(Result<T>)>(
      [](auto handler, Init start) {
        auto executor = boost::asio::get_associated_executor(handler);
        // Done is a std::function (copyable); the coroutine's handler is move-only.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        start(Done<T>([executor, shared](Result<T> result) {
          // Completed with the rest of a committed batch: resumed with the batch, one post.
          if (auto* batch = CompletionBatch::current()) {
            if (auto* context = detail::io_context_of(executor)) {
              using Resume = detail::ResumptionOf<decltype(executor),
                                                  typename decltype(shared)::element_type, T>;
              detail::PendingResumptions::leave(
                  *batch, *context, std::make_unique<Resume>(executor, shared, std::move(result)));
              return;
            }
          }
          boost::asio::post(executor, [shared, result = std::move(result)]() mutable {
            (*shared)(std::move(result));
          });
        }));
      },
      boost::asio::use_awaitable, std::forward<Start>(start));
}

/// Runs a blocking call (a store read answering `Result<T>`) on `pool` (a thread pool or its
/// executor), never on an I/O thread, and resumes the coroutine on its own executor.
template <class T, class Pool, class Call>
boost::asio::awaitable<Result<T>> await_blocking(Pool& pool, Call call) {
  auto start = [&pool, call = std::move(call)](Done<T> done) mutable {
    boost::asio::post(pool,
                      [call = std::move(call), done = std::move(done)]() mutable { done(call()); });
  };
  return await_store<T>(std::move(start));
}

}  // namespace lienthong::store
