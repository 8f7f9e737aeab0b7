#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/child_process.hpp"

namespace lienthong::crash {

/// How the hubs of a crash or soak run are configured (the rest is the shipped config).
struct RigOptions {
  /// `store` of hub.json; empty: SQLite in the run's folder.
  nlohmann::json store;
  int lease_ms = 2'000;  ///< short, so a killed hub's claims lapse soon
  int concurrency = 16;
  int dvcqg_timeout_ms = 5'000;
  /// `delivery` of connectors/dvcqg.json: short backoff so retries do not stretch the run.
  nlohmann::json retry = {{"backoff_initial_ms", 100}, {"backoff_max_ms", 1'000}};
  /// `circuit` of connectors/dvcqg.json; empty: the shipped default.
  nlohmann::json circuit;
  int request_log_capacity = 200'000;  ///< every delivery of the run stays visible
  std::size_t hubs = 1;                ///< hub processes (several only on PostgreSQL)
  /// The payment platform too: the sandbox's paygov and motcua mocks, the paygov connector, the
  /// platform's client (kPaygovKey) and the provincial target pointed at motcua.
  bool paygov = false;
};

/// The processes of one run, each as operators run them: `lienthong sandbox` (dvcqg only) and
/// one or more `lienthong serve --no-sandbox` on the same config, all on free ports, in a temp
/// folder of their own removed at the end. Hubs can be SIGKILLed and started again; their
/// current port is readable from any thread (0 while down).
class CrashRig {
 public:
  static constexpr const char* kKey = "crash-key";
  /// The key the payment platform's IPNs present (client "paygov-platform").
  static constexpr const char* kPaygovKey = "crash-paygov-key";

  CrashRig(const std::string& name, RigOptions options);
  ~CrashRig();
  CrashRig(const CrashRig&) = delete;
  CrashRig& operator=(const CrashRig&) = delete;

  /// Starts the sandbox and points the dvcqg connector at it; "" or what went wrong.
  std::string start_sandbox();
  /// Starts hub `index` (0-based; a new process each time); "" or what went wrong.
  std::string start_hub(std::size_t index);
  /// SIGKILLs hub `index`; false when it was not running or did not die of the signal.
  bool kill_hub(std::size_t index);
  /// SIGTERM, as an operator stops it; the exit status.
  int stop_hub(std::size_t index);

  [[nodiscard]] std::size_t hub_count() const { return hubs_.size(); }
  [[nodiscard]] std::uint16_t hub_port(std::size_t index) const;
  [[nodiscard]] pid_t hub_pid(std::size_t index) const;
  [[nodiscard]] std::uint16_t dvcqg_port() const { return dvcqg_port_; }
  /// The hubs' config file (for the CLI: `evidence verify`).
  [[nodiscard]] std::filesystem::path config_file() const { return dir_ / "config/hub.json"; }
  /// The store's file (SQLite runs), to read what the hubs recorded once they are stopped.
  [[nodiscard]] std::filesystem::path sqlite_file() const { return dir_ / "var/lienthong.db"; }
  /// stderr of every hub process started so far, for failure messages (the last `bytes`).
  [[nodiscard]] std::string hub_logs(std::size_t bytes = 4'000) const;

  /// The mock's request log and its de-duplication count (`X-Sandbox-Duplicates`).
  struct MockLog {
    nlohmann::json requests = nlohmann::json::array();
    std::uint64_t duplicates = 0;
  };
  std::optional<MockLog> mock_log(std::string_view mock = "dvcqg") const;
  /// POST (or with an empty body DELETE) /_sandbox/faults; "" or the answer.
  std::string set_faults(const std::string& body) const;

 private:
  struct Hub {
    std::unique_ptr<testing::ChildProcess> process;
    std::atomic<std::uint16_t> port{0};
    int runs = 0;
  };
  void write_hub_config();
  void write_dvcqg_connector();
  void write_paygov_connector();

  RigOptions options_;
  std::filesystem::path dir_;
  std::unique_ptr<testing::ChildProcess> sandbox_;
  std::uint16_t dvcqg_port_ = 0;
  std::uint16_t paygov_port_ = 0;
  std::uint16_t motcua_port_ = 0;
  std::vector<std::unique_ptr<Hub>> hubs_;
};

}  // namespace lienthong::crash
