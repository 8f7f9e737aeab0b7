#include "core/pipeline/stages/validate_stage.hpp"

namespace lienthong::pipeline {

ValidateStage::ValidateStage(std::shared_ptr<const schema::Schema> schema)
    : schema_(std::move(schema)) {}

boost::asio::awaitable<Result<void>> ValidateStage::run(Exchange& exchange) const {
  auto errors = schema_->validate(exchange.request);
  if (errors.empty()) co_return Result<void>{};
  Problem p = Problem::make(ProblemKind::kInvalid,
                            std::to_string(errors.size()) +
                                (errors.size() == 1 ? " field is" : " fields are") +
                                " invalid for " + exchange.connector + "/" + exchange.operation);
  p.errors = std::move(errors);
  co_return p;
}

}  // namespace lienthong::pipeline
