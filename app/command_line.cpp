#include "app/command_line.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "core/delivery/queue_age.hpp"

namespace lienthong::app {
namespace {

// Walks a command's arguments after its words: options with a value, flags and positionals,
// with one spelling for every command's errors. The first error stops the walk.
class ArgScanner {
 public:
  ArgScanner(std::span<const std::string_view> args, std::size_t from, std::string command)
      : args_(args), i_(from), command_(std::move(command)) {}

  /// Moves to the next argument; false at the end or after an error.
  bool next() {
    if (started_) ++i_;
    started_ = true;
    return !error_ && i_ < args_.size();
  }
  [[nodiscard]] bool is(std::string_view option) const { return args_[i_] == option; }
  /// The value after the current option, or none (the error says the option needs `what`).
  std::optional<std::string_view> value(std::string_view what) {
    if (i_ + 1 >= args_.size()) {
      fail(std::string(args_[i_]) + " needs " + std::string(what));
      return std::nullopt;
    }
    return args_[++i_];
  }
  /// A number from 1 to 10000 after the current option.
  std::optional<int> limit() {
    auto v = value("a number");
    if (!v) return std::nullopt;
    int n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < 1 || n > 10'000) {
      fail("--limit must be a number from 1 to 10000, not " + std::string(*v));
      return std::nullopt;
    }
    return n;
  }
  /// The current argument is no option of this command: a positional, or an error.
  void other() {
    if (args_[i_].starts_with("-")) {
      fail("unknown option " + std::string(args_[i_]) + " for " + command_);
    } else {
      positional_.push_back(args_[i_]);
    }
  }
  void fail(std::string message) {
    if (!error_) error_ = std::move(message);
  }
  /// After the walk: the error, or one when there are more positionals than `most` (the
  /// command says how many it wants when it checks them itself: kAny).
  static constexpr std::size_t kAny = static_cast<std::size_t>(-1);
  [[nodiscard]] std::optional<std::string> error(std::size_t most) const {
    if (error_) return error_;
    if (positional_.size() > most) return "unexpected argument " + std::string(positional_[most]);
    return std::nullopt;
  }
  [[nodiscard]] const std::vector<std::string_view>& positional() const { return positional_; }

 private:
  std::span<const std::string_view> args_;
  std::size_t i_;
  std::string command_;
  bool started_ = false;
  std::optional<std::string> error_;
  std::vector<std::string_view> positional_;
};

void set(std::string& field, std::optional<std::string_view> v) {
  if (v) field = std::string(*v);
}

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
  ArgScanner s(args, 2, "queue " + std::string(sub));
  while (s.next()) {
    if (s.is("--config")) {
      set(cl.config, s.value("a file"));
    } else if (s.is("--connector") && (sub == "list" || sub == "replay")) {
      set(q.connector, s.value("a connector id"));
    } else if (s.is("--state") && sub == "list") {
      set(q.state, s.value("a state"));
    } else if (s.is("--limit") && sub == "list") {
      if (auto n = s.limit()) q.limit = *n;
    } else if (s.is("--json") && (sub == "list" || sub == "show")) {
      q.json = true;
    } else if (s.is("--all-dead") && sub == "replay") {
      all_dead = true;
    } else if (s.is("--older-than") && sub == "purge-dead") {
      auto v = s.value("an age like 7d, 12h or 30m");
      if (!v) continue;
      auto age = delivery::parse_age(*v);
      if (!age) s.fail("--older-than must be an age like 7d, 12h or 30m, not " + std::string(*v));
      if (age) q.older_than = *age;
      age_given = true;
    } else {
      s.other();
    }
  }
  const bool one_id = sub == "show" || (sub == "replay" && !all_dead);
  if (auto e = s.error(one_id ? ArgScanner::kAny : 0)) return *e;
  if (one_id) {
    q.action = sub == "show" ? Action::kShow : Action::kReplay;
    if (s.positional().size() != 1 || !q.connector.empty()) {
      return sub == "show" ? std::string("queue show needs one message ID")
                           : std::string(
                                 "queue replay needs one message ID, or --all-dead "
                                 "--connector X");
    }
    q.id = std::string(s.positional()[0]);
  } else if (sub == "list") {
    q.action = Action::kList;
  } else if (sub == "replay") {
    q.action = Action::kReplayAllDead;
    if (q.connector.empty()) return std::string("queue replay --all-dead needs --connector X");
  } else {
    q.action = Action::kPurgeDead;
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
  ArgScanner s(args, 2, "evidence " + std::string(args[1]));
  while (s.next()) {
    if (s.is("--config")) {
      set(cl.config, s.value("a file"));
    } else if (s.is("--since") && e.verify) {
      set(e.since, s.value("a date YYYY-MM-DD"));
    } else if (s.is("--out") && !e.verify) {
      set(e.out, s.value("a file"));
    } else {
      s.other();
    }
  }
  if (auto error = s.error(e.verify ? 0 : ArgScanner::kAny)) return *error;
  if (e.verify) return cl;
  if (s.positional().size() != 1 || e.out.empty()) {
    return std::string("evidence export needs MESSAGE_ID --out FILE.zip");
  }
  e.message_id = std::string(s.positional()[0]);
  return cl;
}

// `admin passwd NAME [--role R] [--file F] [--config FILE]` (args[0] is "admin").
Result<CommandLine, std::string> parse_admin(std::span<const std::string_view> args) {
  CommandLine cl;
  cl.command = CommandLine::Command::kAdmin;
  auto& a = cl.admin;
  if (args.size() < 2 || args[1] != "passwd") return std::string("admin needs passwd NAME");
  ArgScanner s(args, 2, "admin passwd");
  while (s.next()) {
    if (s.is("--config")) {
      set(cl.config, s.value("a file"));
    } else if (s.is("--role")) {
      set(a.role, s.value("viewer or operator"));
    } else if (s.is("--file")) {
      set(a.file, s.value("a file"));
    } else {
      s.other();
    }
  }
  if (auto e = s.error(1)) return *e;
  if (s.positional().empty()) return std::string("admin passwd needs the operator's NAME");
  a.name = std::string(s.positional()[0]);
  if (!a.role.empty() && a.role != "viewer" && a.role != "operator") {
    return "--role must be viewer or operator, not " + a.role;
  }
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
  ArgScanner s(args, 2, "payments " + std::string(args[1]));
  while (s.next()) {
    if (s.is("--config")) {
      set(cl.config, s.value("a file"));
    } else if (s.is("--state") && !p.show) {
      set(p.state, s.value("a state"));
    } else if (s.is("--limit") && !p.show) {
      if (auto n = s.limit()) p.limit = *n;
    } else if (s.is("--json")) {
      p.json = true;
    } else {
      s.other();
    }
  }
  if (auto e = s.error(p.show ? ArgScanner::kAny : 0)) return *e;
  if (p.show) {
    if (s.positional().size() != 1) return std::string("payments show needs one payment ID");
    p.id = std::string(s.positional()[0]);
  }
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
  lienthong reload [--config FILE] [--force]       the running hub loads its config again
                                                   (--force: remove connectors with queued
                                                   messages too)
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
  lienthong admin passwd NAME [--role viewer|operator] [--file F]
                                                   set an operator's password (read from stdin)
                                                   in the operators file (default operators.json
                                                   beside the config)
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
  if (cmd == "admin") return parse_admin(args);
  if (cmd == "evidence" || (cmd == "audit" && args.size() >= 2 && args[1] == "verify")) {
    return parse_evidence(args);
  }
  const bool known = cmd == "serve" || cmd == "sandbox" || cmd == "check-config" || cmd == "map" ||
                     cmd == "reload";
  if (!known && args.size() >= 2 && is_name(cmd) && is_name(args[1])) return parse_action(args);
  if (!known) return "unknown command " + std::string(cmd);
  bool direction_given = false;
  ArgScanner s(args, 1, std::string(cmd));
  while (s.next()) {
    if (s.is("--config")) {
      set(cl.config, s.value("a file"));
    } else if (s.is("--no-sandbox") && cmd == "serve") {
      cl.no_sandbox = true;
    } else if (s.is("--force") && cmd == "reload") {
      cl.force = true;
    } else if ((s.is("--request") || s.is("--response")) && cmd == "map") {
      if (direction_given) s.fail("give only one of --request, --response");
      cl.request = s.is("--request");
      direction_given = true;
    } else {
      s.other();
    }
  }
  const bool takes_positionals = cmd == "map" || cmd == "check-config";
  if (auto e = s.error(takes_positionals ? ArgScanner::kAny : 0)) return *e;
  const auto& positional = s.positional();
  if (cmd == "reload") {
    cl.command = CommandLine::Command::kReload;
    return cl;
  }
  if (cmd == "serve" || cmd == "sandbox") {
    cl.command = cmd == "serve" ? CommandLine::Command::kServe : CommandLine::Command::kSandbox;
    return cl;
  }
  if (cmd == "check-config") {
    if (positional.size() > 1) return std::string("check-config takes at most one file");
    if (!positional.empty()) cl.config = std::string(positional[0]);
    cl.command = CommandLine::Command::kCheckConfig;
    return cl;
  }
  // map
  if (positional.size() != 3 || !direction_given) {
    return std::string("map needs CONNECTOR OPERATION (--request|--response) FILE");
  }
  cl.command = CommandLine::Command::kMap;
  cl.connector = std::string(positional[0]);
  cl.operation = std::string(positional[1]);
  cl.file = std::string(positional[2]);
  return cl;
}

}  // namespace lienthong::app
