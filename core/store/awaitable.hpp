#pragma once

// The one adapter from the store's `Done<T>` callbacks to coroutines, for the Asio side of the
// hub (the store itself knows no Asio; this header is used only by code that links Asio).

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "core/store/message_store.hpp"

namespace lienthong::store {

/// Awaits a store call that reports through a `Done<T>`:
/// `co_await await_store<Accepted>([&](Done<Accepted> done) { s.accept(m, done); })`.
/// `done` may run on any thread (the store's writer thread, a blocking pool); the coroutine
/// resumes on its own executor, never on that thread. `start` is called before the first
/// suspension, so a reference to a caller's local is safe. (It is taken by reference, and
/// nothing with a destructor is a temporary of a co_await here: GCC 12 may destroy such
/// temporaries twice, GCC bug 99576.)
template <class T, class Start>
boost::asio::awaitable<Result<T>> await_store(const Start& start) {
  const auto initiate = [&start](auto handler) {
    auto ex = boost::asio::get_associated_executor(handler);
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    start(Done<T>([shared, ex](Result<T> result) {
      boost::asio::post(
          ex, [shared, result = std::move(result)]() mutable { (*shared)(std::move(result)); });
    }));
  };
  co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>,
                                                 void(Result<T>)>(initiate,
                                                                  boost::asio::use_awaitable);
}

}  // namespace lienthong::store
