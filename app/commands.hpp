#pragma once

#include "app/command_line.hpp"

namespace lienthong::app {

/// Each returns the process exit code.
int run_serve(const CommandLine& cl);
int run_sandbox(const CommandLine& cl);
int run_check_config(const CommandLine& cl);
int run_map(const CommandLine& cl);
int run_queue(const CommandLine& cl);
int run_payments(const CommandLine& cl);
int run_action(const CommandLine& cl);

}  // namespace lienthong::app
