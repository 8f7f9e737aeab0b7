#pragma once

#include <string_view>

#include "core/http/types.hpp"
#include "sandbox/faults.hpp"

namespace lienthong::sandbox {

/// The business side of one mock external system: a request in, the answer that system would
/// give out. No I/O; the mock's own state (seen request ids...) is guarded inside. Must not throw
/// for bad input — bad input gets the answer the real system would give.
class MockHandler {
 public:
  virtual ~MockHandler() = default;

  virtual http::Response handle(const http::Request& request) = 0;

  /// The answer of an injected `http500` fault, in this system's own error style.
  virtual http::Response injected_failure(const http::Request& request) = 0;

  /// True when `request` rides on a login session, so the `session-expired` fault applies to it.
  [[nodiscard]] virtual bool uses_session(const http::Request& /*request*/) const { return false; }

  /// The answer of an injected `session-expired` fault: the request's session is dropped and the
  /// call answered as this system answers an expired session. Called only when uses_session().
  virtual http::Response injected_session_expiry(const http::Request& request) {
    return handle(request);
  }

  /// The answer under a message-security fault (bad-signature, tampered, unsigned, wrapped).
  /// A mock that signs nothing answers normally.
  virtual http::Response injected_signature_fault(const http::Request& request,
                                                  FaultMode /*mode*/) {
    return handle(request);
  }
};

/// Header a handler sets on an answer it replayed for a repeated delivery (same message id):
/// the endpoint counts it for `GET /_sandbox/requests` (header `X-Sandbox-Duplicates`).
inline constexpr std::string_view kDuplicateHeader = "X-Sandbox-Duplicate";
/// Header of `GET /_sandbox/requests` that carries the number of de-duplicated deliveries.
inline constexpr std::string_view kDuplicatesHeader = "X-Sandbox-Duplicates";

}  // namespace lienthong::sandbox
