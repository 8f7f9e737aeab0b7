#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <memory>
#include <type_traits>

#include "core/store/awaitable.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::admin {

/// A blocking read of the store (`fn(store)` answers a Result), run on the blocking pool.
/// GCC 12 may destroy temporaries of a co_await full-expression twice (GCC bug 99576), so
/// callers pass named callables by reference.
template <class Fn>
auto read_store(const std::shared_ptr<store::MessageStore>& db,
                const boost::asio::any_io_executor& pool, const Fn& fn)
    -> boost::asio::awaitable<std::remove_cvref_t<decltype(fn(*db))>> {
  using R = std::remove_cvref_t<decltype(fn(*db))>;
  using T = std::remove_cvref_t<decltype(std::declval<R&>().value())>;
  const auto start = [&db, &pool, &fn](store::Done<T> done) {
    boost::asio::post(pool, [db, fn, done] { done(fn(*db)); });
  };
  co_return co_await store::await_store<T>(start);
}

}  // namespace lienthong::admin
