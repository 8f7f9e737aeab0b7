#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>

#include "core/http/types.hpp"
#include "core/pipeline/evidence/journal.hpp"
#include "core/pipeline/live_routes.hpp"

namespace lienthong::admin {

/// Connectors' operator actions (Connector::act) on the admin listener:
/// `POST /admin/connectors/{id}/actions/{action}` with an optional JSON object of parameters
/// (paygov: `reconcile` `{"date": "YYYY-MM-DD"}`) answers the action's JSON report, 200.
class ActionsApi {
 public:
  /// Each action run is journalled (`journal` null or off: not).
  explicit ActionsApi(pipeline::LiveRoutes routes,
                      std::shared_ptr<const pipeline::Journal> journal = nullptr);

  /// The answer for a target under /admin/connectors/, nullopt for any other target.
  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      const http::Request& request, const std::string& actor) const;

 private:
  pipeline::LiveRoutes routes_;
  std::shared_ptr<const pipeline::Journal> journal_;
};

}  // namespace lienthong::admin
