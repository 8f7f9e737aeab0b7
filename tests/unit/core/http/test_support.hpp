#pragma once

// Helpers for the real-socket tests of core/http: an io_context on threads, bounded waits,
// a raw client for hand-written requests, a one-shot gate handlers wait on, test certificates.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/http/server.hpp"
#include "core/http/types.hpp"

namespace lienthong::http::testing {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ErrorCode = boost::system::error_code;
inline constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
inline constexpr auto kWaitLimit = 10s;

/// An io_context run by `threads` threads for the length of a test.
class IoThreads {
 public:
  explicit IoThreads(int threads = 2);
  ~IoThreads();
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;

  asio::io_context& ioc() { return ioc_; }
  /// The strand test coroutines and raw clients share, so a test's own steps never race.
  [[nodiscard]] asio::any_io_executor executor() const { return strand_; }

  /// Runs `task` on executor() and waits for it (at most kWaitLimit; a hang aborts the test).
  template <class T>
  T run(asio::awaitable<T> task) {
    auto future = start(std::move(task));
    wait(future);
    if constexpr (std::is_void_v<T>) {
      future.get();
    } else {
      return std::move(*future.get());
    }
  }

  /// Starts `task` on executor(); the test waits on the future when it needs the result.
  /// (Results come wrapped in optional: co_spawn wants them default-constructible.)
  template <class T>
  auto start(asio::awaitable<T> task) {
    if constexpr (std::is_void_v<T>) {
      return asio::co_spawn(strand_, std::move(task), asio::use_future);
    } else {
      return asio::co_spawn(strand_, wrap(std::move(task)), asio::use_future);
    }
  }

  /// Waits for `future` at most kWaitLimit; a hang aborts the test binary with a message.
  template <class F>
  static void wait(F& future) {
    if (future.wait_for(kWaitLimit) != std::future_status::ready) {
      std::cerr << "test waited more than " << kWaitLimit.count() << " s; aborting\n";
      std::abort();
    }
  }

 private:
  template <class T>
  static asio::awaitable<std::optional<T>> wrap(asio::awaitable<T> task) {
    co_return co_await std::move(task);
  }

  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

/// A one-shot event, safe from any thread: handlers co_await it, the test opens it.
class Gate {
 public:
  explicit Gate(asio::io_context& ioc) : channel_(ioc, 0) {}
  asio::awaitable<void> wait() {
    auto [ec] = co_await channel_.async_receive(kUse);
    (void)ec;  // closing the channel is how the gate opens
  }
  void open() { channel_.close(); }

 private:
  asio::experimental::concurrent_channel<void(ErrorCode)> channel_;
};

/// Polls `condition` until it holds or `limit` passes (for state with no event to wait on).
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit = 5s);

/// What the test handler lets a test observe and steer.
struct Hooks {
  explicit Hooks(asio::io_context& ioc) : gate(ioc) {}
  Gate gate;                        ///< "/slow" waits for it
  std::promise<void> slow_entered;  ///< set when the first "/slow" starts waiting
  std::once_flag slow_once;
  std::atomic<int> requests{0};
};

/// The handler the tests use, by target:
/// "/slow" waits for the gate; "/reset" resets; "/throw" throws; "/big?n=N" answers N bytes;
/// "/close" answers with Connection: close; "/headers" echoes Host, User-Agent and the peer's
/// certificate; anything else answers "METHOD target body-size remote-address".
Handler test_handler(Hooks& hooks);

/// A Server on 127.0.0.1, port 0, with its own io threads; shut down when destroyed.
struct TestServer {
  explicit TestServer(ServerLimits limits = {}, std::shared_ptr<asio::ssl::context> tls = nullptr);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  IoThreads io;
  Hooks hooks{io.ioc()};
  std::unique_ptr<Server> server;
  std::uint16_t port = 0;
};

/// A client connection for hand-written bytes (every operation bounded by 5 s).
struct RawClient {
  beast::tcp_stream stream;
  beast::flat_buffer buffer;

  explicit RawClient(IoThreads& io) : stream(io.executor()) {}
  asio::awaitable<ErrorCode> connect(std::uint16_t port);
  asio::awaitable<ErrorCode> send(std::string bytes);
  /// Reads one response; the error is set instead when the server closed or reset.
  asio::awaitable<std::pair<ErrorCode, Response>> read_response();
  /// Reads until the connection ends and returns why (eof, connection_reset, timeout...).
  asio::awaitable<ErrorCode> read_until_closed();
};

/// A key and a self-signed certificate made in memory (subject CN=`common_name`, SAN `dns`).
struct TestCertificate {
  TestCertificate(const std::string& common_name, const std::string& dns);
  ~TestCertificate();
  TestCertificate(const TestCertificate&) = delete;
  TestCertificate& operator=(const TestCertificate&) = delete;

  EVP_PKEY* key = nullptr;
  X509* certificate = nullptr;
};

/// A server context presenting `identity`; when `trusted_client` is set it demands one (mTLS).
std::shared_ptr<asio::ssl::context> server_tls(const TestCertificate& identity,
                                               const TestCertificate* trusted_client = nullptr);
/// A client context trusting only `anchor`, presenting `identity` when given.
std::shared_ptr<asio::ssl::context> client_tls(const TestCertificate& anchor,
                                               const TestCertificate* identity = nullptr);

/// Builds a request with Host set.
Request make_request(beast::http::verb verb, std::string target, std::string body = {});

}  // namespace lienthong::http::testing
