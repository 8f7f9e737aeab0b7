#include "app/command_line.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "core/delivery/queue_age.hpp"

namespace lienthong::app {
namespace {

// `queue SUBCOMMAND ...` (args[0] is "queue").
Result<CommandLine, std::string> parse_queue(std::span<const std::string_view> args) {
  using Action = QueueCommand::Action;
  CommandLine cl;
  cl.command = CommandLine::Command::kQueue;
  if (args.size() < 2) return std::string("queue needs list, show, replay or purge-dead");
  auto sub = args[1];
  if (sub != "list" && sub != "show" && sub != "replay" && sub != "purge-dead") {
    return "unknown queue command " + std::string(sub) + " (list, show, replay, purge-dead)";
  }
  auto& q = cl.queue;
  bool all_dead = false;
  bool age_given = false;
  std::vector<std::string_view> positional;
  std::string missing;
  for (std::size_t i = 2; i < args.size(); ++i) {
    auto a = args[i];
    // The value after option `a`, or none (and `missing` says so).
    auto value = [&](std::string_view what) -> std::optional<std::string_view> {
      if (i + 1 >= args.size()) {
        missing = std::string(a) + " needs " + std::string(what);
        return std::nullopt;
      }
      return args[++i];
    };
    std::optional<std::string_view> v = std::string_view{};
    if (a == "--config") {
      v = value("a file");
      if (v) cl.config = std::string(*v);
    } else if (a == "--connector" && (sub == "list" || sub == "replay")) {
      v = value("a connector id");
      if (v) q.connector = std::string(*v);
    } else if (a == "--state" && sub == "list") {
      v = value("a state");
      if (v) q.state = std::string(*v);
    } else if (a == "--limit" && sub == "list") {
      v = value("a number");
      if (!v) return missing;
      auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), q.limit);
      if (ec != std::errc() || end != v->data() + v->size() || q.limit < 1 || q.limit > 10'000) {
        return "--limit must be a number from 1 to 10000, not " + std::string(*v);
      }
    } else if (a == "--json" && (sub == "list" || sub == "show")) {
      q.json = true;
    } else if (a == "--all-dead" && sub == "replay") {
      all_dead = true;
    } else if (a == "--older-than" && sub == "purge-dead") {
      v = value("an age like 7d, 12h or 30m");
      if (!v) return missing;
      auto age = delivery::parse_age(*v);
      if (!age) return "--older-than must be an age like 7d, 12h or 30m, not " + std::string(*v);
      q.older_than = *age;
      age_given = true;
    } else if (a.starts_with("-")) {
      return "unknown option " + std::string(a) + " for queue " + std::string(sub);
    } else {
      positional.push_back(a);
    }
    if (!v) return missing;
  }
  auto no_positional = [&]() -> std::optional<std::string> {
    if (positional.empty()) return std::nullopt;
    return "unexpected argument " + std::string(positional[0]);
  };
  if (sub == "list") {
    q.action = Action::kList;
    if (auto e = no_positional()) return *e;
  } else if (sub == "show" || (sub == "replay" && !all_dead)) {
    q.action = sub == "show" ? Action::kShow : Action::kReplay;
    if (positional.size() != 1 || !q.connector.empty()) {
      return sub == "show" ? std::string("queue show needs one message ID")
                           : std::string(
                                 "queue replay needs one message ID, or --all-dead "
                                 "--connector X");
    }
    q.id = std::string(positional[0]);
  } else if (sub == "replay") {
    q.action = Action::kReplayAllDead;
    if (auto e = no_positional()) return *e;
    if (q.connector.empty()) return std::string("queue replay --all-dead needs --connector X");
  } else {
    q.action = Action::kPurgeDead;
    if (auto e = no_positional()) return *e;
    if (!age_given) return std::string("queue purge-dead needs --older-than D (e.g. 7d)");
  }
  return cl;
}

// `evidence verify|export ...` (args[0] is "evidence"; "audit verify" is its older name).
Result<CommandLine, std::string> parse_evidence(std::span<const std::string_view> args) {
  CommandLine cl;
  cl.command = CommandLine::Command::kEvidence;
  auto& e = cl.evidence;
  if (args.size() < 2 || (args[1] != "verify" && args[1] != "export")) {
    return std::string("evidence needs verify or export");
  }
  e.verify = args[1] == "verify";
  std::vector<std::string_view> positional;
  for (std::size_t i = 2; i < args.size(); ++i) {
    const auto a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--config" && has_value) {
      cl.config = std::string(args[++i]);
    } else if (a == "--since" && e.verify && has_value) {
      e.since = std::string(args[++i]);
    } else if (a == "--out" && !e.verify && has_value) {
      e.out = std::string(args[++i]);
    } else if (a.starts_with("-")) {
      return "unknown option or missing value: " + std::string(a) + " for evidence " +
             std::string(args[1]);
    } else {
      positional.push_back(a);
    }
  }
  if (e.verify) {
    if (!positional.empty()) return "unexpected argument " + std::string(positional[0]);
    return cl;
  }
  if (positional.size() != 1 || e.out.empty()) {
    return std::string("evidence export needs MESSAGE_ID --out FILE.zip");
  }
  e.message_id = std::string(positional[0]);
  return cl;
}

// `payments list|show ...` (args[0] is "payments").
Result<CommandLine, std::string> parse_payments(std::span<const std::string_view> args) {
  CommandLine cl;
  cl.command = CommandLine::Command::kPayments;
  auto& p = cl.payments;
  if (args.size() < 2 || (args[1] != "list" && args[1] != "show")) {
    return std::string("payments needs list or show ID");
  }
  p.show = args[1] == "show";
  std::vector<std::string_view> positional;
  for (std::size_t i = 2; i < args.size(); ++i) {
    const auto a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--config" && has_value) {
      cl.config = std::string(args[++i]);
    } else if (a == "--state" && !p.show && has_value) {
      p.state = std::string(args[++i]);
    } else if (a == "--limit" && !p.show && has_value) {
      const auto v = args[++i];
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), p.limit);
      if (ec != std::errc() || end != v.data() + v.size() || p.limit < 1 || p.limit > 10'000) {
        return "--limit must be a number from 1 to 10000, not " + std::string(v);
      }
    } else if (a == "--json") {
      p.json = true;
    } else if (a.starts_with("-")) {
      return "unknown option " + std::string(a) + " for payments " + std::string(args[1]) +
             (has_value ? "" : " (or it needs a value)");
    } else {
      positional.push_back(a);
    }
  }
  if (p.show != (positional.size() == 1) || positional.size() > 1) {
    return p.show ? std::string("payments show needs one payment ID")
                  : "unexpected argument " + std::string(positional[0]);
  }
  if (p.show) p.id = std::string(positional[0]);
  return cl;
}

bool is_name(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// `CONNECTOR ACTION [--NAME VALUE]... [--json] [--config FILE]`.
Result<CommandLine, std::string> parse_action(std::span<const std::string_view> args) {
  CommandLine cl;
  cl.command = CommandLine::Command::kAction;
  auto& a = cl.action;
  a.connector = std::string(args[0]);
  a.action = std::string(args[1]);
  for (std::size_t i = 2; i < args.size(); ++i) {
    const auto arg = args[i];
    if (arg == "--json") {
      a.json = true;
      continue;
    }
    if (!arg.starts_with("--") || !is_name(arg.substr(2))) {
      return "unexpected argument " + std::string(arg) + " (parameters are --NAME VALUE)";
    }
    if (i + 1 >= args.size()) return std::string(arg) + " needs a value";
    if (arg == "--config") {
      cl.config = std::string(args[++i]);
    } else {
      a.params[std::string(arg.substr(2))] = std::string(args[++i]);
    }
  }
  return cl;
}

}  // namespace

std::string_view usage() {
  return R"(usage:
  lienthong serve [--config FILE] [--no-sandbox]   run the hub (default config/hub.json)
  lienthong sandbox [--config FILE]                run only the mock external systems
  lienthong check-config [FILE]                    validate config, mappings, schemas
  lienthong map CONNECTOR OPERATION (--request|--response) FILE [--config FILE]
                                                   run one mapping on a sample file
  lienthong queue list [--connector X] [--state S] [--limit N] [--json]
                                                   the durable queue, newest first
  lienthong queue show ID [--json]                 one message: status and attempts
  lienthong queue replay ID                        put a dead message back in its place
  lienthong queue replay --all-dead --connector X  the same for every dead message of X
  lienthong queue purge-dead --older-than D        remove dead messages older than D (7d, 12h)
                                                   (queue commands take [--config FILE])
  lienthong payments list [--state S] [--limit N] [--json]
                                                   the hub's payment records, newest first
  lienthong payments show ID [--json]              one payment and every change of its state
  lienthong CONNECTOR ACTION [--NAME VALUE]... [--json] [--config FILE]
                                                   a connector's operator action, e.g.
  lienthong paygov reconcile --date 2026-12-06     the platform's day list against the hub's
                                                   payments (exit 1 on any mismatch)
  lienthong evidence verify [--since YYYY-MM-DD]   recompute the evidence journal's chains and
                                                   timestamps; name the first entry that does not fit
  lienthong evidence export ID --out FILE.zip      a message's evidence for an auditor (entries,
                                                   bodies, chain to a stamped head, TSA token)
                                                   (evidence commands take [--config FILE])
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
  if (cmd == "queue") return parse_queue(args);
  if (cmd == "payments") return parse_payments(args);
  if (cmd == "evidence" || (cmd == "audit" && args.size() >= 2 && args[1] == "verify")) {
    return parse_evidence(args);
  }
  const bool known = cmd == "serve" || cmd == "sandbox" || cmd == "check-config" || cmd == "map";
  if (!known && args.size() >= 2 && is_name(cmd) && is_name(args[1])) return parse_action(args);
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
