#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/pipeline/connector.hpp"
#include "core/pipeline/evidence/journal.hpp"

namespace lienthong::pipeline {

/// Runs a connector's operator action (Connector::act) and journals it: who asked (`actor`: an
/// operator, `cli:<user>`, `schedule`), which connector and action, how it ended ("clean",
/// "findings", or the problem's type). The one way the admin API, the CLI and the daily
/// schedules run actions. `journal` may be null or off: then it only runs the action.
boost::asio::awaitable<Result<ActionReport>> run_operator_action(
    const Connector& connector, std::string connector_id, std::string action,
    const nlohmann::json& params, std::string actor, const Journal* journal);

}  // namespace lienthong::pipeline
