#include "core/pipeline/stages/deliver_stage.hpp"

namespace lienthong::pipeline {
namespace {

// Tells the guard how an admitted call ended, also when the coroutine is destroyed mid-call
// (the caller went away): a half-open probe must not stay out for ever.
class GuardReport {
 public:
  explicit GuardReport(delivery::ConnectorGuard* guard) : guard_(guard) {}
  GuardReport(const GuardReport&) = delete;
  GuardReport& operator=(const GuardReport&) = delete;
  ~GuardReport() {
    if (guard_ != nullptr) guard_->abandoned();
  }
  void record(const Result<WireResponse>& answer) {
    if (guard_ == nullptr) return;
    if (!answer) {
      guard_->failed(answer.error());
    } else if (answer->failure) {  // an answer that says the far side failed (verified later)
      guard_->failed(*answer->failure);
    } else {
      guard_->succeeded();
    }
    guard_ = nullptr;
  }

 private:
  delivery::ConnectorGuard* guard_;
};

}  // namespace

DeliverStage::DeliverStage(std::shared_ptr<const Connector> connector,
                           config::OperationConfig operation,
                           std::shared_ptr<delivery::ConnectorGuard> guard)
    : connector_(std::move(connector)),
      operation_(std::move(operation)),
      guard_(std::move(guard)) {}

boost::asio::awaitable<Result<void>> DeliverStage::run(Exchange& exchange) const {
  if (guard_) {
    if (auto refused = guard_->admit()) co_return std::move(*refused);
  }
  GuardReport outcome(guard_.get());
  auto answer = co_await connector_->call(operation_, exchange);
  outcome.record(answer);
  if (!answer) co_return std::move(answer).error();
  exchange.wire_response = std::move(answer).value();
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
