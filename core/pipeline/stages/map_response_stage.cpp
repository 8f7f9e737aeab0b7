#include "core/pipeline/stages/map_response_stage.hpp"

#include "core/log/log.hpp"

namespace lienthong::pipeline {

MapResponseStage::MapResponseStage(std::shared_ptr<const mapping::Mapping> mapping)
    : mapping_(std::move(mapping)) {}

boost::asio::awaitable<Result<void>> MapResponseStage::run(Exchange& exchange) const {
  // The far side's own failure (verified first when the connector signs) ends the chain here.
  if (exchange.wire_response.failure) co_return std::move(*exchange.wire_response.failure);
  auto output = mapping_->apply_text(exchange.wire_response.body);
  if (!output) {
    const auto& e = output.error();
    if (e.kind == mapping::MappingError::Kind::kNotFound) {
      co_return Problem::make(ProblemKind::kUpstreamNotFound,
                              exchange.connector + " has no record for this request");
    }
    log::warn("response mapping failed", {{"message_id", exchange.id},
                                          {"mapping", e.file},
                                          {"rule", e.rule},
                                          {"input", e.input_path},
                                          {"reason", e.reason, true}});
    Problem p =
        Problem::make(ProblemKind::kUpstreamError, "the answer from " + exchange.connector +
                                                       " cannot be read: mapping rule " + e.rule +
                                                       " at input " + e.input_path);
    p.upstream = Upstream{static_cast<int>(exchange.wire_response.status), {}, {}};
    co_return p;
  }
  exchange.response = std::move(output->json);
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
