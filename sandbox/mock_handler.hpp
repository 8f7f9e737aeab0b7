#pragma once

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

  /// The answer under a message-security fault (bad-signature, tampered, unsigned, wrapped).
  /// A mock that signs nothing answers normally.
  virtual http::Response injected_signature_fault(const http::Request& request,
                                                  FaultMode /*mode*/) {
    return handle(request);
  }
};

}  // namespace lienthong::sandbox
