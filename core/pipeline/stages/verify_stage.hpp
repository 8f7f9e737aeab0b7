#pragma once

#include <memory>

#include "core/pipeline/stage.hpp"
#include "core/pipeline/stages/message_security.hpp"

namespace lienthong::pipeline {

/// Verifies the far side's signed SOAP answer (profile dancu-dsig-1: shape and anti-wrapping
/// checks, signer certificate chain, validity and OCSP status, algorithms, cryptography) on
/// the worker pool, then replaces `exchange.wire_response.body` with the signed soap:Body
/// alone, so the response mapping reads nothing the signature does not cover. A refusal is a
/// 502 whose detail names the failed check; nothing of the answer is kept.
class VerifyStage final : public Stage {
 public:
  VerifyStage(std::shared_ptr<const MessageSecurity> security, WorkerPool* workers);

  [[nodiscard]] std::string_view name() const override { return "verify"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const MessageSecurity> security_;
  WorkerPool* workers_;
};

}  // namespace lienthong::pipeline
