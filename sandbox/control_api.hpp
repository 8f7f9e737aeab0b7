#pragma once

#include <optional>
#include <string_view>

#include "core/http/types.hpp"
#include "sandbox/faults.hpp"
#include "sandbox/request_log.hpp"

namespace lienthong::sandbox {

/// True for `/_sandbox` and everything under it: the testers' control API, never business.
bool is_control_target(std::string_view target);

/// Answers the control API of one mock:
/// `GET|DELETE /_sandbox/requests`, `GET|POST|DELETE /_sandbox/faults`.
/// Returns nullopt when `request` is not a control request.
std::optional<http::Response> handle_control(const http::Request& request, RequestLog& log,
                                             FaultInjector& faults);

}  // namespace lienthong::sandbox
