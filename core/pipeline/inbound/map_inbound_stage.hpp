#pragma once

#include <memory>

#include "core/mapping/mapping.hpp"
#include "core/pipeline/stage.hpp"
#include "core/schema/schema.hpp"

namespace lienthong::pipeline {

/// An external system's callback -> the canonical message the provincial system receives:
/// runs the inbound mapping on the (validated) callback and replaces the exchange's request
/// with its output, so that what is stored, ordered and pushed is the canonical message.
/// A value the mapping cannot translate (a portal state the code table does not know) is the
/// caller's to fix: 400 with the pointer into the callback. An output that breaks the
/// canonical schema is the hub's fault (a mapping bug): 500, and nothing is stored.
class MapInboundStage final : public Stage {
 public:
  MapInboundStage(std::shared_ptr<const mapping::Mapping> mapping,
                  std::shared_ptr<const schema::Schema> canonical);
  [[nodiscard]] std::string_view name() const override { return "map-inbound"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const mapping::Mapping> mapping_;
  std::shared_ptr<const schema::Schema> canonical_;
};

/// The pure part: the canonical message for a callback, or the Problem (see above).
Result<nlohmann::json> map_inbound(const mapping::Mapping& mapping, const schema::Schema& canonical,
                                   const nlohmann::json& callback, std::string_view route);

}  // namespace lienthong::pipeline
