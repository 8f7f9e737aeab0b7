#include "cli_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/support/test_pki.hpp"

namespace lienthong::testing {

namespace fs = std::filesystem;

Run run_with_env(const std::string& env, const std::string& args) {
  security::testing::repo_dev_pki();  // the shipped config's certificates
  std::string cmd = env + " " + std::string(LT_BINARY) + " " + args + " 2>&1";
  Run r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  while (auto n = std::fread(buf.data(), 1, buf.size(), pipe)) r.output.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Run run(const std::string& args) {
  return run_with_env("", args);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replace_in(const fs::path& p, const std::string& from, const std::string& to) {
  auto text = slurp(p);
  auto pos = text.find(from);
  ASSERT_NE(pos, std::string::npos) << from << " not in " << p;
  text.replace(pos, from.size(), to);
  std::ofstream(p, std::ios::trunc) << text;
}

void CopiedConfig::SetUp() {
  dir_ =
      fs::temp_directory_path() / ("lt-cli-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  fs::copy(fs::path(LT_SOURCE_DIR) / "config", dir_ / "config", fs::copy_options::recursive);
  fs::copy(fs::path(LT_SOURCE_DIR) / "mappings", dir_ / "mappings", fs::copy_options::recursive);
  fs::create_directories(dir_ / "sandbox");
  fs::copy(fs::path(LT_SOURCE_DIR) / "sandbox/data", dir_ / "sandbox/data",
           fs::copy_options::recursive);
  fs::create_directories(dir_ / "certs");
  fs::create_directory_symlink(security::testing::dev_pki(), dir_ / "certs/dev");
}

void CopiedConfig::TearDown() {
  fs::remove_all(dir_);
}

}  // namespace lienthong::testing
