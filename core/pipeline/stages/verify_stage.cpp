#include "core/pipeline/stages/verify_stage.hpp"

#include "core/log/log.hpp"
#include "core/pipeline/evidence/signature_value.hpp"
#include "core/pipeline/worker_pool.hpp"
#include "core/security/xmldsig/xmldsig.hpp"

namespace lienthong::pipeline {

VerifyStage::VerifyStage(std::shared_ptr<const MessageSecurity> security, WorkerPool* workers)
    : security_(std::move(security)), workers_(workers) {}

boost::asio::awaitable<Result<void>> VerifyStage::run(Exchange& exchange) const {
  const auto& body = exchange.wire_response.body;
  const auto& s = *security_;
  auto verified = co_await run_on(
      workers_, [&body, &s] { return security::verify_soap(body, s.trust, s.policy); });
  if (!verified) {
    // Nothing of a refused answer may reach the caller or a later stage.
    exchange.wire_response.body.clear();
    exchange.wire_response.failure.reset();
    log::warn("verify.refused", {{"message_id", exchange.id},
                                 {"connector", exchange.connector},
                                 {"reason", verified.error().detail}});
    co_return Problem::make(
        ProblemKind::kUpstreamError,
        "the answer from " + exchange.connector + " was refused: " + verified.error().detail);
  }
  log::debug("verify.accepted",
             {{"message_id", exchange.id}, {"signer_sha256", verified->signer.certificate_sha256}});
  if (auto& wire = exchange.wire_evidence) {
    wire->signatures.push_back({"received", signature_value(exchange.wire_response.body),
                                verified->signer.certificate_sha256, verified->signer.subject});
  }
  exchange.wire_response.body = std::move(verified->body_xml);
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
