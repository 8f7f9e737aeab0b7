#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema/schema.hpp"

namespace lienthong::schema::testing {

/// Writes `text` to a fresh file in this process's temp dir and returns its path.
inline std::filesystem::path write_schema_file(std::string_view name, std::string_view text) {
  const auto dir = std::filesystem::path(::testing::TempDir()) /
                   ("lt-schema-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

/// Loads a schema that must compile; a failure lists the errors.
inline std::shared_ptr<const Schema> load_schema(std::string_view name, std::string_view text) {
  auto loaded = Schema::load(write_schema_file(name, text));
  if (!loaded) {
    std::string all;
    for (const auto& e : loaded.error()) all += e.to_string() + "\n";
    ADD_FAILURE() << "schema did not compile:\n" << all;
    return nullptr;
  }
  return *loaded;
}

/// The errors of a schema that must not compile, each as `file:line: key.path: reason`.
inline std::vector<std::string> compile_errors(const std::filesystem::path& path) {
  auto loaded = Schema::load(path);
  std::vector<std::string> out;
  if (loaded) {
    ADD_FAILURE() << path << " compiled but should not";
    return out;
  }
  for (const auto& e : loaded.error()) out.push_back(e.to_string());
  return out;
}

}  // namespace lienthong::schema::testing
