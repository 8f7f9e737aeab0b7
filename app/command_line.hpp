#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::app {

/// `lienthong queue ...`: which operation on the durable queue, and its arguments.
struct QueueCommand {
  enum class Action { kList, kShow, kReplay, kReplayAllDead, kPurgeDead };
  Action action = Action::kList;
  std::string id;                           ///< show, replay
  std::string connector;                    ///< list (filter), replay --all-dead
  std::string state;                        ///< list: a state name (checked by the command)
  int limit = 50;                           ///< list
  std::chrono::milliseconds older_than{0};  ///< purge-dead
  bool json = false;                        ///< list, show: JSON instead of text
};

/// What the user asked for on the command line (see usage()).
struct CommandLine {
  enum class Command { kServe, kSandbox, kCheckConfig, kMap, kQueue, kHelp, kVersion };
  Command command = Command::kHelp;
  std::string config = "config/hub.json";
  bool no_sandbox = false;  ///< serve: use a sandbox started elsewhere (`lienthong sandbox`)
  std::string connector;    ///< map
  std::string operation;    ///< map
  bool request = true;      ///< map: --request (true) or --response (false)
  std::string file;         ///< map: the sample
  QueueCommand queue;       ///< queue
};

/// Parses the arguments after the program name; the error says what is wrong.
Result<CommandLine, std::string> parse_command_line(std::span<const std::string_view> args);

std::string_view usage();

}  // namespace lienthong::app
