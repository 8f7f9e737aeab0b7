#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::app {

/// What the user asked for on the command line (see usage()).
struct CommandLine {
  enum class Command { kServe, kSandbox, kCheckConfig, kMap, kHelp, kVersion };
  Command command = Command::kHelp;
  std::string config = "config/hub.json";
  bool no_sandbox = false;  ///< serve: use a sandbox started elsewhere (`lienthong sandbox`)
  std::string connector;    ///< map
  std::string operation;    ///< map
  bool request = true;      ///< map: --request (true) or --response (false)
  std::string file;         ///< map: the sample
};

/// Parses the arguments after the program name; the error says what is wrong.
Result<CommandLine, std::string> parse_command_line(std::span<const std::string_view> args);

std::string_view usage();

}  // namespace lienthong::app
