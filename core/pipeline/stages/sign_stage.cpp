#include "core/pipeline/stages/sign_stage.hpp"

#include "core/log/log.hpp"
#include "core/pipeline/evidence/signature_value.hpp"
#include "core/pipeline/worker_pool.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/xmldsig/xmldsig.hpp"

namespace lienthong::pipeline {

SignStage::SignStage(std::shared_ptr<const MessageSecurity> security, WorkerPool* workers)
    : security_(std::move(security)), workers_(workers) {}

boost::asio::awaitable<Result<void>> SignStage::run(Exchange& exchange) const {
  const auto& body = exchange.wire_request.body;
  const auto& identity = security_->identity;
  auto signed_xml =
      co_await run_on(workers_, [&body, &identity] { return security::sign_soap(body, identity); });
  if (!signed_xml) {
    log::error("sign.failed", {{"message_id", exchange.id},
                               {"connector", exchange.connector},
                               {"reason", signed_xml.error().detail}});
    co_return Problem::make(ProblemKind::kInternal,
                            "the request to " + exchange.connector + " cannot be signed");
  }
  exchange.wire_request.body = std::move(signed_xml).value();
  if (auto& wire = exchange.wire_evidence) {
    wire->signatures.push_back({"sent", signature_value(exchange.wire_request.body),
                                security::sha256_fingerprint(identity.certificate()),
                                identity.subject()});
  }
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
