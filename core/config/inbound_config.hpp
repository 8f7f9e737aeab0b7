#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/config/config_error.hpp"
#include "core/config/delivery_config.hpp"

namespace lienthong::config {

class ObjectReader;

/// A provincial system's webhook that receives what external systems send to
/// `POST /inbound/{connector}/{operation}` (`provincial_targets` in hub.json).
struct ProvincialTargetConfig {
  std::string name;
  std::string url;        ///< http(s)://host[:port]/path, checked when the route table is built
  std::string auth_type;  ///< bearer | header
  /// The header that carries the secret: `Authorization` for bearer, the configured name for
  /// header; and its value (resolved secret, with `Bearer ` for bearer), never logged.
  std::string auth_header;
  std::string auth_value;
  int timeout_ms = 10'000;
  RetryConfig delivery;  ///< retries of the pushes to this target
  std::filesystem::path file;
  int line = 0;  ///< of the target's object, to locate problems found later (its url)
};

/// An operation an external system calls on the hub (`inbound` in a connector file). Its files
/// live in `mappings/<connector>/inbound/`, apart from outbound operations of the same name.
struct InboundOperationConfig {
  std::string name;
  std::string description;
  std::string target;     ///< a key of `provincial_targets`
  std::string order_key;  ///< JSON Pointer into the canonical message; "" = no order
  std::filesystem::path file;
  int target_line = 0;
  std::filesystem::path schema_file;            ///< <op>.schema.json: what the far side sends
  std::filesystem::path mapping_file;           ///< <op>.mapping.json: that -> canonical
  std::filesystem::path canonical_schema_file;  ///< <op>.canonical.schema.json: what is pushed
  std::filesystem::path example_file;           ///< <op>.example.json: a call from the far side
};

/// True for a name usable in `/v1/{connector}/{operation}` and `/inbound/...`: 1-64 of
/// `a-z 0-9 - _`.
bool is_route_name(std::string_view name);

/// Reads hub.json's `provincial_targets` object, when present; unknown keys are refused.
void read_provincial_targets(ObjectReader& hub, const std::filesystem::path& base,
                             std::map<std::string, ProvincialTargetConfig>& out,
                             ConfigErrors& errors);

/// Reads a connector file's `inbound` object, when present; files are found by convention in
/// `<mappings_dir>/inbound/`.
void read_inbound_operations(ObjectReader& connector, const std::filesystem::path& mappings_dir,
                             std::map<std::string, InboundOperationConfig>& out,
                             ConfigErrors& errors);

/// A problem for every inbound operation whose `target` is not a configured provincial target.
void check_inbound_targets(const std::map<std::string, InboundOperationConfig>& inbound,
                           const std::map<std::string, ProvincialTargetConfig>& targets,
                           ConfigErrors& errors);

}  // namespace lienthong::config
