#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"

namespace lienthong::config {

/// A JSON file (comments allowed) parsed once, remembering the line of every value so that
/// errors found later can be located. nlohmann/json does not report positions, so a second,
/// SAX pass with a counting input records them.
class JsonDocument {
 public:
  /// Reads and parses `path`. On failure the error names the file and line.
  static Result<JsonDocument, ConfigError> load(const std::filesystem::path& path);
  /// Parses `text` as if read from `file_name`.
  static Result<JsonDocument, ConfigError> parse(std::string_view text, std::string file_name);

  [[nodiscard]] const nlohmann::json& root() const { return root_; }
  [[nodiscard]] const std::string& file() const { return file_; }

  /// Line of the value at `pointer` (a JSON Pointer, "" = root); the nearest located ancestor's
  /// line when that value has none; 0 if nothing is known.
  [[nodiscard]] int line_of(std::string_view pointer) const;

  /// Builds an error located at `pointer`; the key path is the pointer written with dots.
  [[nodiscard]] ConfigError error_at(std::string_view pointer, std::string reason) const;

 private:
  nlohmann::json root_;
  std::string file_;
  std::unordered_map<std::string, int> lines_;
};

/// `/operations/lookup-enterprise/path` -> `operations.lookup-enterprise.path`.
std::string dotted(std::string_view pointer);
/// Escapes one JSON Pointer reference token (`~` -> `~0`, `/` -> `~1`).
std::string escape_pointer_token(std::string_view token);

}  // namespace lienthong::config
