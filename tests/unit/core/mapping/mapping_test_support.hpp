#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/mapping/mapping.hpp"

namespace lienthong::mapping::testing {

/// Compiles mapping text; fails the test (and returns nullptr) on load errors.
inline std::shared_ptr<const Mapping> compile(std::string_view text,
                                              const std::string& name = "m.json",
                                              SourceFormat source = SourceFormat::kJson,
                                              const CodeTables& tables = {}) {
  auto loaded = Mapping::parse(text, name, source, tables);
  if (!loaded) {
    for (const auto& e : loaded.error()) ADD_FAILURE() << e.to_string();
    return nullptr;
  }
  return *loaded;
}

/// The load errors of mapping text, one `file:line: key.path: reason` per entry.
inline std::vector<std::string> load_errors(std::string_view text,
                                            const std::string& name = "m.json",
                                            SourceFormat source = SourceFormat::kJson,
                                            const CodeTables& tables = {}) {
  std::vector<std::string> out;
  auto loaded = Mapping::parse(text, name, source, tables);
  if (loaded) return out;
  for (const auto& e : loaded.error()) out.push_back(e.to_string());
  return out;
}

/// What `{{ expression }}` gives for `input`: the value, null when absent, or the error.
inline Result<nlohmann::json, MappingError> eval(std::string_view expression,
                                                 const nlohmann::json& input = {},
                                                 const CodeTables& tables = {}) {
  const std::string text = R"({"output": {"v": ")" + std::string(expression) + R"("}})";
  auto mapping = compile(text, "m.json", SourceFormat::kJson, tables);
  if (!mapping) return MappingError{MappingError::Kind::kBadSource, "", "", "", "did not load"};
  auto out = mapping->apply(input);
  if (!out) return std::move(out).error();
  return out->json.contains("v") ? out->json["v"] : nlohmann::json();
}

/// The reason of the error `{{ expression }}` gives, or "" when it succeeds.
inline std::string eval_error(std::string_view expression, const nlohmann::json& input = {},
                              const CodeTables& tables = {}) {
  auto out = eval(expression, input, tables);
  return out ? std::string() : out.error().reason;
}

}  // namespace lienthong::mapping::testing
