#pragma once

#include <memory>

#include "app/command_line.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::app {

/// Each returns the process exit code.
int run_serve(const CommandLine& cl);
int run_sandbox(const CommandLine& cl);
int run_check_config(const CommandLine& cl);
int run_map(const CommandLine& cl);
int run_queue(const CommandLine& cl);
/// The store `config` names, for the commands that read it directly (queue, payments); null
/// after printing why not (a config error, or a store that does not open).
std::shared_ptr<store::MessageStore> open_configured_store(const std::string& config);
/// Who runs an operator command from this machine ("cli:<user>"), for the evidence journal.
std::string local_operator();
int run_payments(const CommandLine& cl);
int run_action(const CommandLine& cl);
int run_evidence(const CommandLine& cl);
int run_admin(const CommandLine& cl);
/// `lienthong reload`: asks the running hub (its admin listener, as the local operator) to
/// load its configuration again; prints what changed or every problem. Exit 0 or 1.
int run_reload(const CommandLine& cl);

}  // namespace lienthong::app
