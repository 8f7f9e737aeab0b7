#pragma once

#include <memory>

#include "core/config/hub_config.hpp"
#include "core/pipeline/connector.hpp"
#include "core/pipeline/stage.hpp"

namespace lienthong::pipeline {

/// The connector's own arrival check of a request that passed its schema (Connector::admit):
/// what no schema can say, such as "this is a PDF, and not an encrypted one". Runs before an
/// async request is stored, so a refusal is the caller's 400 and nothing is queued or sent.
class AdmitStage final : public Stage {
 public:
  AdmitStage(std::shared_ptr<const Connector> connector, config::OperationConfig operation);
  [[nodiscard]] std::string_view name() const override { return "admit"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const Connector> connector_;
  config::OperationConfig operation_;
};

}  // namespace lienthong::pipeline
