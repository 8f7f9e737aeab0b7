#include "core/pipeline/stages/deliver_stage.hpp"

#include "core/base/digest.hpp"
#include "core/http/url.hpp"

namespace lienthong::pipeline {
namespace {

// What the request carried for the journal: its body, or for a request without one (a GET of a
// lookup) its query as the request line carries it, encoded the way connectors/http does.
std::string sent_bytes(const WireRequest& wire) {
  if (!wire.body.empty() || wire.query.empty()) return wire.body;
  std::string query;
  for (const auto& [k, v] : wire.query) {
    if (!query.empty()) query += '&';
    query += http::url_encode(k) + '=' + http::url_encode(v);
  }
  return query;
}

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
      guard_(std::move(guard)),
      upstream_(guard_ ? guard_->connector() : std::string()) {}

boost::asio::awaitable<Result<void>> DeliverStage::run(Exchange& exchange) const {
  if (guard_) {
    if (auto refused = guard_->admit()) co_return std::move(*refused);
  }
  GuardReport outcome(guard_.get());
  if (auto& wire = exchange.wire_evidence) {  // the bytes as sent, after signing
    auto sent = sent_bytes(exchange.wire_request);
    wire->sent_sha256 = sha256_hex(sent);
    if (wire->keep_bodies) wire->sent = std::move(sent);
  }
  const auto called = std::chrono::steady_clock::now();
  auto answer = co_await connector_->call(operation_, exchange);
  upstream_.observe(exchange, std::chrono::steady_clock::now() - called, answer);
  outcome.record(answer);
  if (auto& wire = exchange.wire_evidence) {
    if (answer) {  // as received, before verification rewrites it
      wire->received_sha256 = sha256_hex(answer->body);
      wire->far_status = answer->status;
      if (wire->keep_bodies) wire->received = answer->body;
    } else if (answer.error().upstream) {
      wire->far_status = static_cast<unsigned>(answer.error().upstream->status);
    }
  }
  if (!answer) co_return std::move(answer).error();
  exchange.wire_response = std::move(answer).value();
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
