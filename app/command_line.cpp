#include "app/command_line.hpp"

namespace lienthong::app {

std::string_view usage() {
  return R"(usage:
  lienthong serve [--config FILE] [--no-sandbox]   run the hub (default config/hub.json)
  lienthong sandbox [--config FILE]                run only the mock external systems
  lienthong check-config [FILE]                    validate config, mappings, schemas
  lienthong map CONNECTOR OPERATION (--request|--response) FILE [--config FILE]
                                                   run one mapping on a sample file
  lienthong --version | --help
)";
}

Result<CommandLine, std::string> parse_command_line(std::span<const std::string_view> args) {
  CommandLine cl;
  if (args.empty()) return std::string("no command given");
  auto cmd = args[0];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") return cl;
  if (cmd == "--version") {
    cl.command = CommandLine::Command::kVersion;
    return cl;
  }
  std::vector<std::string_view> positional;
  bool direction_given = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    auto a = args[i];
    if (a == "--config") {
      if (i + 1 >= args.size()) return std::string("--config needs a file");
      cl.config = std::string(args[++i]);
    } else if (a == "--no-sandbox" && cmd == "serve") {
      cl.no_sandbox = true;
    } else if ((a == "--request" || a == "--response") && cmd == "map") {
      if (direction_given) return std::string("give only one of --request, --response");
      cl.request = a == "--request";
      direction_given = true;
    } else if (a.starts_with("-")) {
      return "unknown option " + std::string(a) + " for " + std::string(cmd);
    } else {
      positional.push_back(a);
    }
  }
  if (cmd == "serve" || cmd == "sandbox") {
    if (!positional.empty()) return "unexpected argument " + std::string(positional[0]);
    cl.command = cmd == "serve" ? CommandLine::Command::kServe : CommandLine::Command::kSandbox;
    return cl;
  }
  if (cmd == "check-config") {
    if (positional.size() > 1) return std::string("check-config takes at most one file");
    if (!positional.empty()) cl.config = std::string(positional[0]);
    cl.command = CommandLine::Command::kCheckConfig;
    return cl;
  }
  if (cmd == "map") {
    if (positional.size() != 3 || !direction_given) {
      return std::string("map needs CONNECTOR OPERATION (--request|--response) FILE");
    }
    cl.command = CommandLine::Command::kMap;
    cl.connector = std::string(positional[0]);
    cl.operation = std::string(positional[1]);
    cl.file = std::string(positional[2]);
    return cl;
  }
  return "unknown command " + std::string(cmd);
}

}  // namespace lienthong::app
