#pragma once

// Small helpers shared by the sandbox unit tests.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/http/types.hpp"

namespace lienthong::sandbox::test_support {

inline std::filesystem::path data_dir() {
  return std::filesystem::path(LT_SOURCE_DIR) / "sandbox/data";
}

inline http::Request make_request(
    http::beast::http::verb method, std::string_view target, std::string body = {},
    std::initializer_list<std::pair<std::string, std::string>> headers = {}) {
  http::Request request{method, target, 11};
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

/// Runs `awaitable` on `ioc` until it completes or `deadline` passes; nullopt on timeout.
template <class T>
std::optional<T> run_until_done(boost::asio::io_context& ioc, boost::asio::awaitable<T> awaitable,
                                std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  std::optional<T> result;
  boost::asio::co_spawn(ioc, std::move(awaitable), [&](std::exception_ptr e, T value) {
    if (e) std::rethrow_exception(e);
    result = std::move(value);
  });
  ioc.restart();
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!result && std::chrono::steady_clock::now() < until) {
    ioc.run_one_until(until);
  }
  return result;
}

}  // namespace lienthong::sandbox::test_support
