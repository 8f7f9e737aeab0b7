#pragma once

#include <memory>

#include "core/config/hub_config.hpp"
#include "core/mapping/mapping.hpp"
#include "core/pipeline/stage.hpp"

namespace lienthong::pipeline {

/// Canonical request -> wire request: runs the request mapping and lays its output out as the
/// operation says (`request_as`: JSON body, XML body, or query parameters).
class MapRequestStage final : public Stage {
 public:
  MapRequestStage(std::shared_ptr<const mapping::Mapping> mapping, std::string request_as);
  [[nodiscard]] std::string_view name() const override { return "map-request"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  std::shared_ptr<const mapping::Mapping> mapping_;
  std::string request_as_;
};

/// The member of the canonical request that carries the hub's own facts to request mappings.
inline constexpr std::string_view kHubMember = "_hub";

/// Adds the `_hub` member (message id, correlation id, client) to a canonical request.
void add_hub_facts(nlohmann::json& request, const Exchange& exchange);

/// The pure part: the wire request for a mapping output, or a Problem.
Result<WireRequest> lay_out_request(mapping::Output output, std::string_view request_as);

}  // namespace lienthong::pipeline
