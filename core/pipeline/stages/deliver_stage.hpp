#pragma once

#include <memory>

#include "core/config/hub_config.hpp"
#include "core/delivery/connector_guard.hpp"
#include "core/pipeline/connector.hpp"
#include "core/pipeline/stage.hpp"
#include "core/pipeline/stages/upstream_metrics.hpp"

namespace lienthong::pipeline {

/// Sends the wire request through the operation's connector and keeps the answer, also one
/// that says the far side failed (MapResponseStage returns that failure, after verification).
/// The connector's guard (shared by its operations) refuses the call while its circuit is open
/// (503) or its quota is used up (429), and learns from the outcome.
class DeliverStage final : public Stage {
 public:
  DeliverStage(std::shared_ptr<const Connector> connector, config::OperationConfig operation,
               std::shared_ptr<delivery::ConnectorGuard> guard = nullptr);
  [[nodiscard]] std::string_view name() const override { return "deliver"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const Connector> connector_;
  config::OperationConfig operation_;
  std::shared_ptr<delivery::ConnectorGuard> guard_;
  UpstreamMetrics upstream_;  ///< the far side's latency
};

}  // namespace lienthong::pipeline
