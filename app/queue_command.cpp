// `lienthong queue ...`: the durable queue for operators (issue 4, point 7).
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "core/config/hub_config.hpp"
#include "core/delivery/queue_json.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::app {
namespace {

using delivery::MessageView;
using store::MessageState;
using store::MessageStatus;

// The store's code for why a message was handed back untried, as an operator reads it.
std::string waiting_for_text(std::string_view code) {
  if (code == "circuit_open") return "the connector's circuit to close (the far side is failing)";
  if (code == "rate_limit") return "the connector's rate limit";
  return std::string(code);
}

// What an operator reads in one line about a message: why it is not moving, if it is not.
std::string status_note(const MessageStatus& m) {
  if (m.state == MessageState::kDead) return m.dead_reason;
  if (!m.waiting_behind.empty()) return "waiting behind " + m.waiting_behind;
  if (!m.waiting_for.empty()) return "waiting for " + waiting_for_text(m.waiting_for);
  if (m.state == MessageState::kDelivered) return std::to_string(m.result.size()) + " bytes";
  return m.last_error;
}

void print_table(const std::vector<MessageStatus>& messages) {
  if (messages.empty()) {
    std::cout << "no messages\n";
    return;
  }
  auto row = [](std::string_view id, std::string_view route, std::string_view state,
                std::string_view attempts, std::string_view accepted, std::string_view note) {
    std::cout << std::left << std::setw(38) << id << std::setw(30) << route << std::setw(11)
              << state << std::setw(9) << attempts << std::setw(26) << accepted << note << '\n';
  };
  row("ID", "CONNECTOR/OPERATION", "STATE", "ATTEMPTS", "ACCEPTED", "NOTE");
  for (const auto& m : messages) {
    row(m.id, m.connector + "/" + m.operation, store::to_string(m.state),
        std::to_string(m.attempts), delivery::rfc3339(m.accepted_at), status_note(m));
  }
}

void print_message(const MessageStatus& m, const std::vector<store::AttemptRecord>& attempts) {
  auto line = [](std::string_view key, std::string_view value) {
    if (!value.empty()) std::cout << std::left << std::setw(15) << key << value << '\n';
  };
  line("id:", m.id);
  line("route:", m.connector + "/" + m.operation);
  line("client:", m.client);
  line("state:", store::to_string(m.state));
  line("ordering key:", m.ordering_key);
  line("waiting behind:", m.waiting_behind);
  if (!m.waiting_for.empty()) line("waiting for:", waiting_for_text(m.waiting_for));
  line("attempts:", std::to_string(m.attempts));
  line("accepted:", delivery::rfc3339(m.accepted_at));
  if (m.next_attempt_at) line("next attempt:", delivery::rfc3339(*m.next_attempt_at));
  if (m.finished_at) line("finished:", delivery::rfc3339(*m.finished_at));
  line("last error:", m.last_error);
  line("dead reason:", m.dead_reason);
  line("result:", m.result);
  line("traceparent:", m.traceparent);
  if (attempts.empty()) return;
  std::cout << "timeline:\n";
  for (const auto& a : attempts) {
    std::string took = "?";
    if (a.started_at) {
      took = std::to_string(
                 std::chrono::duration_cast<std::chrono::milliseconds>(a.ended_at - *a.started_at)
                     .count()) +
             " ms";
    }
    const auto started = a.started_at ? delivery::rfc3339(*a.started_at) : std::string("?");
    std::cout << "  #" << a.attempt << "  " << started << "  " << std::left << std::setw(9) << took
              << std::setw(10) << store::to_string(a.outcome) << "far side "
              << (a.far_status == 0 ? std::string("-") : std::to_string(a.far_status)) << "  "
              << (a.error_class.empty() ? std::string("-") : a.error_class) << "  " << a.node_id
              << "  " << a.detail << '\n';
  }
}

int list(store::MessageStore& s, const QueueCommand& q) {
  store::ListFilter filter;
  filter.connector = q.connector;
  filter.limit = q.limit;
  if (!q.state.empty()) {
    filter.state = store::parse_state(q.state);
    if (!filter.state) {
      std::cerr << "unknown state " << q.state
                << " (queued, in_flight, delivered, retrying, dead)\n";
      return 2;
    }
  }
  auto messages = s.list(filter);
  if (!messages) {
    std::cerr << messages.error().detail << '\n';
    return 1;
  }
  if (!q.json) {
    print_table(*messages);
    return 0;
  }
  auto out = nlohmann::json::array();
  for (const auto& m : *messages) out.push_back(delivery::message_json(m, MessageView::kSummary));
  std::cout << out.dump(2) << '\n';
  return 0;
}

int show(store::MessageStore& s, const QueueCommand& q) {
  auto m = s.get(q.id);
  auto attempts = m ? s.attempts(q.id) : Result<std::vector<store::AttemptRecord>>(m.error());
  if (!attempts) {
    std::cerr << attempts.error().detail << '\n';
    return 1;
  }
  if (!q.json) {
    print_message(*m, *attempts);
    return 0;
  }
  auto out = delivery::message_json(*m, MessageView::kFull);
  out["attempts_log"] = delivery::attempts_json(*attempts);
  std::cout << out.dump(2) << '\n';
  return 0;
}

int replay(store::MessageStore& s, const QueueCommand& q) {
  auto m = s.get(q.id);
  if (!m) {
    std::cerr << m.error().detail << '\n';
    return 1;
  }
  if (m->state != MessageState::kDead) {
    std::cerr << "message " << q.id << " is " << store::to_string(m->state)
              << "; only dead messages can be replayed\n";
    return 1;
  }
  auto done = store::wait<void>([&](auto cb) { s.replay(q.id, local_operator(), cb); });
  if (!done) {
    std::cerr << done.error().detail << '\n';
    return 1;
  }
  std::cout << "replayed " << q.id << ": queued again with its id and ordering key\n";
  return 0;
}

int replay_all_dead(store::MessageStore& s, const QueueCommand& q) {
  auto n = store::wait<int>([&](auto cb) { s.replay_all_dead(q.connector, local_operator(), cb); });
  if (!n) {
    std::cerr << n.error().detail << '\n';
    return 1;
  }
  std::cout << "replayed " << *n << " dead message(s) of " << q.connector << '\n';
  return 0;
}

int purge_dead(store::MessageStore& s, const QueueCommand& q) {
  auto before = store::Clock::now() - q.older_than;
  auto n = store::wait<int>([&](auto cb) { s.purge_dead(before, local_operator(), cb); });
  if (!n) {
    std::cerr << n.error().detail << '\n';
    return 1;
  }
  std::cout << "removed " << *n << " dead message(s) that died before " << delivery::rfc3339(before)
            << '\n';
  return 0;
}

}  // namespace

std::string local_operator() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

std::shared_ptr<store::MessageStore> open_configured_store(const std::string& file) {
  auto config = config::load_hub_config(file);
  if (!config) {
    for (const auto& e : config.error()) std::cerr << e.to_string() << '\n';
    return nullptr;
  }
  auto opened = store::open_hub_store(*config);
  if (!opened) {
    std::cerr << "cannot open the message store: " << opened.error().detail << '\n';
    return nullptr;
  }
  return std::move(opened).value();
}

int run_queue(const CommandLine& cl) {
  const auto opened = open_configured_store(cl.config);
  if (!opened) return 1;
  auto& s = *opened;
  switch (cl.queue.action) {
    case QueueCommand::Action::kList:
      return list(s, cl.queue);
    case QueueCommand::Action::kShow:
      return show(s, cl.queue);
    case QueueCommand::Action::kReplay:
      return replay(s, cl.queue);
    case QueueCommand::Action::kReplayAllDead:
      return replay_all_dead(s, cl.queue);
    case QueueCommand::Action::kPurgeDead:
      return purge_dead(s, cl.queue);
  }
  return 2;
}

}  // namespace lienthong::app
