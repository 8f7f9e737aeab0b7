#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/config/hub_config.hpp"

namespace lienthong::config {

/// The config tests' fixture: a folder of their own per test (with `connectors/`), removed after
/// it, and a load's errors as text.
class ConfigDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ =
        std::filesystem::temp_directory_path() / ("lt-config-" + std::to_string(::getpid()) + "-" +
                                                  test->test_suite_name() + "-" + test->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "connectors");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// Writes `text` to `rel` under the folder (its parent folders made as needed).
  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << text;
  }
  static std::vector<std::string> errors_of(const Result<HubConfig, ConfigErrors>& r) {
    std::vector<std::string> out;
    if (!r) {
      for (const auto& e : r.error()) out.push_back(e.to_string());
    }
    return out;
  }
  /// The errors one per line ("" when it loaded).
  static std::string errors_text(const Result<HubConfig, ConfigErrors>& r) {
    std::string out;
    for (const auto& e : errors_of(r)) out += e + "\n";
    return out;
  }

  std::filesystem::path dir_;
};

}  // namespace lienthong::config
