#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "core/http/types.hpp"
#include "sandbox/faults.hpp"
#include "sandbox/mock_handler.hpp"
#include "sandbox/request_log.hpp"
#include "sandbox/wait_set.hpp"

namespace lienthong::sandbox {

struct EndpointOptions {
  std::uint32_t fault_seed = 61;
  /// How long a `timeout` fault holds a request before answering (unless stopped first).
  std::chrono::milliseconds timeout_hold{60'000};
  std::size_t log_capacity = RequestLog::kDefaultCapacity;
};

/// One mock as the HTTP server sees it: the testers' control API (`/_sandbox/...`), then for
/// business requests the request log, the injected faults and finally the mock's own handler.
/// The same wrapper serves every mock.
class MockEndpoint : public std::enable_shared_from_this<MockEndpoint> {
 public:
  MockEndpoint(std::shared_ptr<MockHandler> handler, EndpointOptions options);

  /// The server-side handler; it keeps this endpoint alive while requests are in flight.
  http::Handler handler();

  /// Answers one request (nullopt = reset the connection, for the `reset` fault).
  static http::asio::awaitable<std::optional<http::Response>> serve(
      std::shared_ptr<MockEndpoint> self, http::Incoming& incoming);

  /// Cuts short every injected wait, now and later (shutdown).
  void stop();

  RequestLog& requests() { return log_; }
  FaultInjector& faults() { return faults_; }
  [[nodiscard]] const WaitSet& waits() const { return waits_; }

 private:
  http::Response handle_safely(const http::Request& request);

  std::shared_ptr<MockHandler> handler_;
  EndpointOptions options_;
  RequestLog log_;
  FaultInjector faults_;
  WaitSet waits_;
};

}  // namespace lienthong::sandbox
