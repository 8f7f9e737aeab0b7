#pragma once

// The one bridge from the store's `Done<T>` callbacks and blocking reads to coroutines, for the
// Asio side of the hub (the store itself knows no Asio; only code that links Asio includes this).

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <type_traits>
#include <utility>

#include "core/base/problem.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::store {

/// Awaits a store call that reports through a `Done<T>`:
/// `co_await await_store<Accepted>(start)` with `start = [&](Done<Accepted> done) { s.accept(m,
/// done); }`. `done` may run on any thread (the store's writer thread, a blocking pool); the
/// coroutine resumes on its own executor, never on that thread. `start` is moved (or copied)
/// into the operation before it begins. Pass it as a named variable: GCC 12 destroys some
/// temporaries of a co_await full-expression twice (GCC bug 99576).
template <class T, class Start>
boost::asio::awaitable<Result<T>> await_store(Start&& start) {
  using Init = std::decay_t<Start>;
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>, void(Result<T>)>(
      [](auto handler, Init start) {
        auto executor = boost::asio::get_associated_executor(handler);
        // Done is a std::function (copyable); the coroutine's handler is move-only.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        start(Done<T>([executor, shared](Result<T> result) {
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
