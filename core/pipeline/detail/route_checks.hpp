#pragma once

// Load-time checks shared by the outbound and inbound halves of the route table
// (route_table.cpp, inbound_routes.cpp). Private to core/pipeline.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/config/config_error.hpp"
#include "core/mapping/mapping.hpp"
#include "core/schema/schema.hpp"

namespace lienthong::pipeline::detail {

/// The loaded value, or nullptr after moving its problems into `errors`.
template <class T>
std::shared_ptr<const T> keep(Result<std::shared_ptr<const T>, config::ConfigErrors> loaded,
                              config::ConfigErrors& errors) {
  if (loaded) return std::move(loaded).value();
  auto& more = loaded.error();
  errors.insert(errors.end(), more.begin(), more.end());
  return nullptr;
}

/// False, with a problem located at `key` of `config_file`, when `file` does not exist.
bool require_file(const std::filesystem::path& file, const std::filesystem::path& config_file,
                  const std::string& key, config::ConfigErrors& errors);

/// A mapping may read only what the schema of its source declares (`/_hub/...` excepted).
void check_source_refs(const mapping::Mapping& m, const schema::Schema& s,
                       const std::filesystem::path& schema_file, config::ConfigErrors& errors);

/// The example at `file` when it passes `s`; nullopt (with located problems) otherwise.
std::optional<nlohmann::json> check_example(const std::filesystem::path& file,
                                            const schema::Schema& s, config::ConfigErrors& errors);

}  // namespace lienthong::pipeline::detail
