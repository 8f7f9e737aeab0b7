#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace lienthong::testing {

/// What one run of the lienthong binary printed and how it ended.
struct Run {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

/// Runs `lienthong ARGS` with `env` (e.g. "A=b") before it.
Run run_with_env(const std::string& env, const std::string& args);
Run run(const std::string& args);

std::string slurp(const std::filesystem::path& p);
/// Replaces the first `from` in a file (a test failure when it is not there).
void replace_in(const std::filesystem::path& p, const std::string& from, const std::string& to);

/// A copy of config/ and mappings/ to break or change without touching the repo.
class CopiedConfig : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  std::filesystem::path hub() const { return dir_ / "config/hub.json"; }
  std::filesystem::path dir_;
};

}  // namespace lienthong::testing
