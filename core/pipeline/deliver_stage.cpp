#include "core/pipeline/deliver_stage.hpp"

namespace lienthong::pipeline {

DeliverStage::DeliverStage(std::shared_ptr<const Connector> connector,
                           config::OperationConfig operation)
    : connector_(std::move(connector)), operation_(std::move(operation)) {}

boost::asio::awaitable<Result<void>> DeliverStage::run(Exchange& exchange) const {
  auto answer = co_await connector_->call(operation_, exchange);
  if (!answer) co_return std::move(answer).error();
  exchange.wire_response = std::move(answer).value();
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
