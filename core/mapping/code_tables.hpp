#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/config/config_error.hpp"
#include "core/base/problem.hpp"

namespace lienthong::mapping {

/// Code tables of one connector: `mappings/<id>/tables/<name>.json`, each a flat JSON object
/// from a code (string) to its value. Loaded once, read-only afterwards.
class CodeTables {
 public:
  /// Loads every `*.json` in `dir` (a missing dir gives no tables).
  static Result<CodeTables, config::ConfigErrors> load_dir(const std::filesystem::path& dir);
  void add(std::string name, std::unordered_map<std::string, nlohmann::json> entries);

  [[nodiscard]] bool has(const std::string& table) const;
  /// The value for `code`, or nullptr when the table has no such code.
  [[nodiscard]] const nlohmann::json* find(const std::string& table, const std::string& code) const;

 private:
  std::map<std::string, std::unordered_map<std::string, nlohmann::json>, std::less<>> tables_;
};

}  // namespace lienthong::mapping
