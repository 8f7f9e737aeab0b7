// The lienthong binary: parses the command line and hands over to one command.
#include <iostream>
#include <vector>

#include "app/command_line.hpp"
#include "app/commands.hpp"

int main(int argc, char** argv) {
  using lienthong::app::CommandLine;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto cl = lienthong::app::parse_command_line(args);
  if (!cl) {
    std::cerr << "lienthong: " << cl.error() << "\n\n" << lienthong::app::usage();
    return 2;
  }
  try {
    switch (cl->command) {
      case CommandLine::Command::kServe:
        return lienthong::app::run_serve(*cl);
      case CommandLine::Command::kSandbox:
        return lienthong::app::run_sandbox(*cl);
      case CommandLine::Command::kCheckConfig:
        return lienthong::app::run_check_config(*cl);
      case CommandLine::Command::kMap:
        return lienthong::app::run_map(*cl);
      case CommandLine::Command::kQueue:
        return lienthong::app::run_queue(*cl);
      case CommandLine::Command::kPayments:
        return lienthong::app::run_payments(*cl);
      case CommandLine::Command::kEvidence:
        return lienthong::app::run_evidence(*cl);
      case CommandLine::Command::kAdmin:
        return lienthong::app::run_admin(*cl);
      case CommandLine::Command::kReload:
        return lienthong::app::run_reload(*cl);
      case CommandLine::Command::kAction:
        return lienthong::app::run_action(*cl);
      case CommandLine::Command::kVersion:
        std::cout << "lienthong 0.1.0\n";
        return 0;
      case CommandLine::Command::kHelp:
        std::cout << lienthong::app::usage();
        return 0;
    }
  } catch (const std::exception& e) {
    // Start-up failures and programming errors only; request handling never throws here.
    std::cerr << "lienthong: fatal: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
