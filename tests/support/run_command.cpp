#include "tests/support/run_command.hpp"

#include <array>
#include <cstdio>

namespace lienthong::testing {

std::string run_command(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) out += buf.data();
  ::pclose(pipe);
  return out;
}

}  // namespace lienthong::testing
