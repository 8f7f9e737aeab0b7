#pragma once

#include <memory>

#include "core/pipeline/stage.hpp"
#include "core/schema/schema.hpp"

namespace lienthong::pipeline {

/// Checks the canonical request against the operation's schema; every problem at once (400).
class ValidateStage final : public Stage {
 public:
  explicit ValidateStage(std::shared_ptr<const schema::Schema> schema);
  [[nodiscard]] std::string_view name() const override { return "validate"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const schema::Schema> schema_;
};

}  // namespace lienthong::pipeline
