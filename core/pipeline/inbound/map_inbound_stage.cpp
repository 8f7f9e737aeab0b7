#include "core/pipeline/inbound/map_inbound_stage.hpp"

#include "core/log/log.hpp"

namespace lienthong::pipeline {

MapInboundStage::MapInboundStage(std::shared_ptr<const mapping::Mapping> mapping,
                                 std::shared_ptr<const schema::Schema> canonical)
    : mapping_(std::move(mapping)), canonical_(std::move(canonical)) {}

Result<nlohmann::json> map_inbound(const mapping::Mapping& mapping, const schema::Schema& canonical,
                                   const nlohmann::json& callback, std::string_view route) {
  auto output = mapping.apply(callback);
  if (!output) {
    const auto& e = output.error();
    // The rule goes to the log only; the caller learns which of its fields and why.
    log::warn("inbound mapping refused", {{"route", std::string(route)},
                                          {"mapping", e.file},
                                          {"rule", e.rule},
                                          {"input", e.input_path}});
    Problem p = Problem::make(ProblemKind::kInvalid,
                              "the callback cannot be translated for " + std::string(route));
    p.errors.push_back({e.input_path, e.reason});
    return p;
  }
  auto errors = canonical.validate(output->json);
  if (!errors.empty()) {
    log::error("inbound mapping output breaks its canonical schema",
               {{"route", std::string(route)},
                {"mapping", mapping.file()},
                {"pointer", errors.front().pointer}});
    return Problem::make(ProblemKind::kInternal,
                         "the hub could not translate the callback (see the hub's log)");
  }
  return std::move(output->json);
}

boost::asio::awaitable<Result<void>> MapInboundStage::run(Exchange& exchange) const {
  auto canonical = map_inbound(*mapping_, *canonical_, exchange.request,
                               exchange.connector + "/" + exchange.operation);
  if (!canonical) co_return std::move(canonical).error();
  exchange.request = std::move(canonical).value();
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
