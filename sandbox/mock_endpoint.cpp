#include "sandbox/mock_endpoint.hpp"

#include <exception>

#include "core/log/log.hpp"
#include "sandbox/control_api.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox {

MockEndpoint::MockEndpoint(std::shared_ptr<MockHandler> handler, EndpointOptions options)
    : handler_(std::move(handler)),
      options_(options),
      log_(options.log_capacity),
      faults_(options.fault_seed) {}

http::Handler MockEndpoint::handler() {
  return [self = shared_from_this()](http::Incoming& incoming) { return serve(self, incoming); };
}

void MockEndpoint::stop() {
  waits_.stop();
}

http::Response MockEndpoint::handle_safely(const http::Request& request) {
  try {
    return handler_->handle(request);
  } catch (const std::exception& e) {
    // A bug in a mock: answer like a broken server instead of taking the connection down.
    log::error("sandbox.handler_failed", {{"what", e.what()}});
    return make_response(request, http::beast::http::status::internal_server_error,
                         "text/plain; charset=utf-8", "sandbox mock failed");
  }
}

http::asio::awaitable<std::optional<http::Response>> MockEndpoint::serve(
    std::shared_ptr<MockEndpoint> self, http::Incoming& incoming) {
  const auto& request = incoming.request;
  if (auto control = handle_control(request, self->log_, self->faults_)) {
    co_return std::move(*control);
  }
  self->log_.record(request);
  const auto decision = self->faults_.next(self->handler_->uses_session(request));
  if (decision.latency.count() > 0) co_await self->waits_.wait(decision.latency);
  if (decision.failure) {
    switch (*decision.failure) {
      case FaultMode::kReset:
        co_return std::nullopt;
      case FaultMode::kHttp500:
        co_return self->handler_->injected_failure(request);
      case FaultMode::kTimeout:
        co_await self->waits_.wait(self->options_.timeout_hold);
        break;
      case FaultMode::kSessionExpired:
        co_return self->handler_->injected_session_expiry(request);
      case FaultMode::kBadSignature:
      case FaultMode::kTampered:
      case FaultMode::kUnsigned:
      case FaultMode::kWrapped:
        co_return self->handler_->injected_signature_fault(request, *decision.failure);
    }
  }
  auto response = self->handle_safely(request);
  if (response.find(kDuplicateHeader) != response.end()) self->log_.note_duplicate();
  co_return response;
}

}  // namespace lienthong::sandbox
