#pragma once

#include <memory>

#include "core/config/hub_config.hpp"
#include "core/pipeline/connector.hpp"
#include "core/pipeline/stage.hpp"

namespace lienthong::pipeline {

/// Sends the wire request through the operation's connector and keeps the answer, also one
/// that says the far side failed (MapResponseStage returns that failure, after verification).
class DeliverStage final : public Stage {
 public:
  DeliverStage(std::shared_ptr<const Connector> connector, config::OperationConfig operation);
  [[nodiscard]] std::string_view name() const override { return "deliver"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const Connector> connector_;
  config::OperationConfig operation_;
};

}  // namespace lienthong::pipeline
