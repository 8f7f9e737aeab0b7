#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace lienthong::testing {

/// A child process (the `lienthong` binary as operators run it) whose stdout and stderr go to
/// files, so a test can wait for what it prints and scan what it logged. No gtest here: the
/// testssl scan, a plain program, uses it too.
class ChildProcess {
 public:
  /// Starts `argv[0]` with `argv`; output to `<stem>.out` and `<stem>.err`.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& stem);
  ~ChildProcess();  ///< stop()s it when still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// Polls stdout until `pattern` matches (its groups, [0] = the whole match) or `timeout`
  /// passes or the child exits (nullopt).
  std::optional<std::vector<std::string>> wait_for_stdout(const std::regex& pattern,
                                                          std::chrono::milliseconds timeout);
  /// SIGTERM, then waits; the exit status (-1 when killed by a signal or not running).
  int stop();
  /// SIGKILL, then waits (a crash, for the crash tests); true when the signal ended it.
  bool kill_now();
  /// The process id, -1 once it was waited for.
  [[nodiscard]] pid_t pid() const { return pid_; }

  [[nodiscard]] std::string out() const;
  [[nodiscard]] std::string err() const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path out_file_;
  std::filesystem::path err_file_;
};

/// A file's bytes ("" when missing).
std::string read_text(const std::filesystem::path& file);

}  // namespace lienthong::testing
