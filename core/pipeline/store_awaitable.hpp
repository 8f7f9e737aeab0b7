#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <type_traits>
#include <utility>

#include "core/base/problem.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::pipeline {

/// The one bridge between the store's callbacks and coroutines. `start(done)` begins a store
/// write (`[&](auto done) { store.accept(m, done); }`); the coroutine resumes on its own
/// executor once `done` ran on the store's writer thread, i.e. after the commit.
/// Pass `start` as a named variable: GCC 12 destroys some temporaries of a co_await
/// full-expression twice (a lambda capturing a struct there crashed the delivery loop).
template <class T, class Start>
boost::asio::awaitable<Result<T>> store_call(Start&& start) {
  using Init = std::decay_t<Start>;
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>, void(Result<T>)>(
      [](auto handler, Init start) {
        auto executor = boost::asio::get_associated_executor(handler);
        // Done is a std::function (copyable); the coroutine's handler is move-only.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        start(store::Done<T>([executor, shared](Result<T> result) {
          boost::asio::post(executor, [shared, result = std::move(result)]() mutable {
            (*shared)(std::move(result));
          });
        }));
      },
      boost::asio::use_awaitable, std::forward<Start>(start));
}

/// Runs a blocking call (a store read) on `pool`, never on an I/O thread, and resumes the
/// coroutine on its own executor with the call's Result.
template <class T, class Call>
boost::asio::awaitable<Result<T>> blocking_call(boost::asio::thread_pool& pool, Call call) {
  auto start = [&pool, call = std::move(call)](store::Done<T> done) mutable {
    boost::asio::post(pool,
                      [call = std::move(call), done = std::move(done)]() mutable { done(call()); });
  };
  return store_call<T>(std::move(start));
}

}  // namespace lienthong::pipeline
