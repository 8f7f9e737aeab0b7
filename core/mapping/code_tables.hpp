#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"

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
  /// The whole table, or nullptr (mappings copy the tables they use when they are compiled).
  [[nodiscard]] const std::unordered_map<std::string, nlohmann::json>* table(
      const std::string& name) const;
  /// Names of all tables, sorted.
  [[nodiscard]] std::vector<std::string> names() const;

 private:
  std::map<std::string, std::unordered_map<std::string, nlohmann::json>, std::less<>> tables_;
};

}  // namespace lienthong::mapping
