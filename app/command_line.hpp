#pragma once

#include <chrono>
#include <map>
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

/// `lienthong payments ...`: the hub's payment records.
struct PaymentsCommand {
  bool show = false;  ///< show ID, else list
  std::string id;
  std::string state;  ///< list: only this state
  int limit = 50;
  bool json = false;
};

/// `lienthong CONNECTOR ACTION [--NAME VALUE]...`: a connector's operator action
/// (Connector::act), e.g. `lienthong paygov reconcile --date 2026-12-06`.
struct ActionCommand {
  std::string connector;
  std::string action;
  std::map<std::string, std::string> params;  ///< --date 2026-12-06 -> {"date": "2026-12-06"}
  bool json = false;
};

/// `lienthong evidence verify|export ...`: the evidence journal.
struct EvidenceCommand {
  bool verify = true;      ///< verify, else export
  std::string since;       ///< verify: only entries written from this date (YYYY-MM-DD)
  std::string message_id;  ///< export
  std::string out;         ///< export: the .zip to write
};

/// `lienthong admin passwd NAME ...`: an operator's password in the operators file.
struct AdminCommand {
  std::string name;
  std::string role;  ///< viewer or operator; empty: keep it (a new operator: viewer)
  std::string file;  ///< the operators file; empty: operators.json beside the config
};

/// What the user asked for on the command line (see usage()).
struct CommandLine {
  enum class Command {
    kServe,
    kSandbox,
    kCheckConfig,
    kMap,
    kQueue,
    kPayments,
    kAction,
    kEvidence,
    kAdmin,
    kReload,
    kHelp,
    kVersion
  };
  Command command = Command::kHelp;
  std::string config = "config/hub.json";
  bool no_sandbox = false;   ///< serve: use a sandbox started elsewhere (`lienthong sandbox`)
  bool force = false;        ///< reload: also when a removed connector has queued messages
  std::string connector;     ///< map
  std::string operation;     ///< map
  bool request = true;       ///< map: --request (true) or --response (false)
  std::string file;          ///< map: the sample
  QueueCommand queue;        ///< queue
  PaymentsCommand payments;  ///< payments
  ActionCommand action;      ///< CONNECTOR ACTION
  EvidenceCommand evidence;  ///< evidence
  AdminCommand admin;        ///< admin
};

/// Parses the arguments after the program name; the error says what is wrong.
Result<CommandLine, std::string> parse_command_line(std::span<const std::string_view> args);

std::string_view usage();

}  // namespace lienthong::app
