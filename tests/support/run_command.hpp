#pragma once

#include <string>

namespace lienthong::testing {

/// Runs `command` through the shell and returns its stdout and stderr together (tests only).
std::string run_command(const std::string& command);

}  // namespace lienthong::testing
