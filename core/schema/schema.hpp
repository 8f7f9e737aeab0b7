#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"

namespace lienthong::schema {

/// A canonical request schema: a documented subset of JSON Schema (type, required, properties,
/// additionalProperties, items, enum, pattern, minLength/maxLength, minimum/maximum, format)
/// plus the Vietnamese identifier formats of `vn_identifiers.hpp`. Compiled once at load.
class Schema {
 public:
  static Result<std::shared_ptr<const Schema>, config::ConfigErrors> load(
      const std::filesystem::path& file);

  /// Every problem in `value`, each as {JSON Pointer, reason}; empty when valid.
  [[nodiscard]] std::vector<FieldError> validate(const nlohmann::json& value) const;

  /// True when `pointer` (e.g. "/citizenId", "/items/0/code") names a field the schema declares.
  [[nodiscard]] bool declares(std::string_view pointer) const;

  ~Schema();
  struct Impl;
  explicit Schema(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lienthong::schema
