#include "core/pipeline/async/run_stored.hpp"

namespace lienthong::pipeline {
namespace {

// Outside the coroutine: GCC 12 mishandles braced temporaries in co_return.
StageFailure failed(std::string_view stage, Problem problem) {
  StageFailure f;
  f.stage = std::string(stage);
  f.problem = std::move(problem);
  return f;
}

// Hands the exchange's wire evidence back to the caller on every way out of run_stored.
class WireBack {
 public:
  WireBack(Exchange& ex, std::optional<WireEvidence>* out) : ex_(ex), out_(out) {
    if (out_ != nullptr) ex_.wire_evidence = std::move(*out_);
  }
  WireBack(const WireBack&) = delete;
  WireBack& operator=(const WireBack&) = delete;
  ~WireBack() {
    if (out_ != nullptr) *out_ = std::move(ex_.wire_evidence);
  }

 private:
  Exchange& ex_;
  std::optional<WireEvidence>* out_;
};

}  // namespace

boost::asio::awaitable<Result<nlohmann::json, StageFailure>> run_stored(
    const Route& route, const store::NewMessage& message, std::optional<WireEvidence>* wire) {
  Exchange ex;
  const WireBack wire_back(ex, wire);
  ex.id = message.id;
  ex.client = message.client;
  ex.connector = route.connector;
  ex.operation = route.operation.name;
  ex.queued = true;
  const auto header = [&](const std::string& name) {
    auto it = message.headers.find(name);
    return it == message.headers.end() ? std::string() : it->second;
  };
  ex.correlation_id = header("X-Correlation-ID");
  if (ex.correlation_id.empty()) ex.correlation_id = ex.id;
  ex.traceparent = header("traceparent");
  ex.request = nlohmann::json::parse(message.body, nullptr, /*allow_exceptions=*/false);
  if (ex.request.is_discarded()) {
    co_return failed("load", Problem::make(ProblemKind::kInternal, "the stored body is not JSON"));
  }
  for (std::size_t i = route.checks; i < route.stages.size(); ++i) {
    const auto& stage = route.stages[i];
    auto done = co_await stage->run(ex);
    if (!done) {
      // The far side's own failure answer travels in the exchange until the map-response stage
      // returns it (after verification, for a signed connector): it is the deliver stage's.
      const bool far_side = ex.wire_response.failure && stage->name() == "map-response";
      co_return failed(far_side ? "deliver" : stage->name(), std::move(done).error());
    }
  }
  co_return std::move(ex.response);
}

}  // namespace lienthong::pipeline
