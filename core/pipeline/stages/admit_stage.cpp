#include "core/pipeline/stages/admit_stage.hpp"

namespace lienthong::pipeline {

AdmitStage::AdmitStage(std::shared_ptr<const Connector> connector,
                       config::OperationConfig operation)
    : connector_(std::move(connector)), operation_(std::move(operation)) {}

boost::asio::awaitable<Result<void>> AdmitStage::run(Exchange& exchange) const {
  co_return co_await connector_->admit(operation_, exchange);
}

}  // namespace lienthong::pipeline
