#pragma once

#include <memory>

#include "core/pipeline/stage.hpp"
#include "core/pipeline/stages/message_security.hpp"

namespace lienthong::pipeline {

/// Signs the mapped SOAP request (`exchange.wire_request.body`) with the connector's identity
/// (profile dancu-dsig-1), on the worker pool. A failure is the hub's own fault (500).
class SignStage final : public Stage {
 public:
  SignStage(std::shared_ptr<const MessageSecurity> security, WorkerPool* workers);

  [[nodiscard]] std::string_view name() const override { return "sign"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const MessageSecurity> security_;
  WorkerPool* workers_;
};

}  // namespace lienthong::pipeline
