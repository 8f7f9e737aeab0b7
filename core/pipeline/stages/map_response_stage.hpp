#pragma once

#include <memory>

#include "core/mapping/mapping.hpp"
#include "core/pipeline/stage.hpp"

namespace lienthong::pipeline {

/// Wire response -> canonical response. A failure the far side answered (`failure`) is
/// returned as is. "No such record" (the mapping's `not_found_unless`)
/// becomes 404; an answer the mapping cannot read becomes 502 and nothing of it reaches the
/// caller.
class MapResponseStage final : public Stage {
 public:
  explicit MapResponseStage(std::shared_ptr<const mapping::Mapping> mapping);
  [[nodiscard]] std::string_view name() const override { return "map-response"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const mapping::Mapping> mapping_;
};

}  // namespace lienthong::pipeline
