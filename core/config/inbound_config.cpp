#include "core/config/inbound_config.hpp"

#include <algorithm>

#include "core/config/detail/readers.hpp"
#include "core/config/object_reader.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

bool is_header_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

void read_target_auth(ObjectReader& target, const fs::path& base, ProvincialTargetConfig& out,
                      ConfigErrors& errors) {
  // Personal data is pushed: a target without credentials is a configuration mistake.
  auto ptr = target.child("auth", true);
  if (ptr.empty()) return;
  ObjectReader a(target.document(), ptr, errors);
  if (!a.ok()) return;
  a.read("type", out.auth_type, true);
  if (out.auth_type == "bearer") {
    out.auth_header = "Authorization";
    out.auth_value = "Bearer " + detail::read_secret(a, "token", base, errors);
  } else if (out.auth_type == "header") {
    if (a.read("name", out.auth_header, true) && !is_header_name(out.auth_header)) {
      a.error("name", "must be a header name (letters, digits, -)");
    }
    out.auth_value = detail::read_secret(a, "value", base, errors);
  } else if (!out.auth_type.empty()) {
    a.error("type", "must be bearer or header");
    a.allow("token");
    a.allow("name");
    a.allow("value");
  }
  a.finish();
}

ProvincialTargetConfig read_target(ObjectReader& parent, const std::string& name,
                                   const fs::path& base, ConfigErrors& errors) {
  const auto ptr = parent.pointer() + "/" + escape_pointer_token(name);
  ObjectReader r(parent.document(), ptr, errors);
  ProvincialTargetConfig t;
  t.name = name;
  t.file = parent.document().file();
  t.line = parent.document().line_of(ptr);
  if (!r.ok()) return t;
  if (r.read("url", t.url, true) && !t.url.starts_with("http://") &&
      !t.url.starts_with("https://")) {
    r.error("url", "must be an http:// or https:// URL");
  }
  read_target_auth(r, base, t, errors);
  r.read("timeout_ms", t.timeout_ms, false, 1, 600'000);
  read_retry_config(r, t.delivery, errors);
  r.finish();
  return t;
}

InboundOperationConfig read_inbound(ObjectReader& parent, const std::string& name,
                                    const fs::path& dir, ConfigErrors& errors) {
  const auto ptr = parent.pointer() + "/" + escape_pointer_token(name);
  ObjectReader r(parent.document(), ptr, errors);
  InboundOperationConfig op;
  op.name = name;
  op.file = parent.document().file();
  op.target_line = parent.document().line_of(ptr + "/target");
  op.schema_file = dir / (name + ".schema.json");
  op.mapping_file = dir / (name + ".mapping.json");
  op.canonical_schema_file = dir / (name + ".canonical.schema.json");
  op.example_file = dir / (name + ".example.json");
  if (!r.ok()) return op;
  r.read("description", op.description);
  r.read("target", op.target, true);
  if (r.read("order_key", op.order_key) && (op.order_key.empty() || op.order_key.front() != '/')) {
    r.error("order_key", "must be a JSON Pointer into the canonical message, e.g. /dossierCode");
  }
  r.finish();
  return op;
}

}  // namespace

bool is_route_name(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

void read_provincial_targets(ObjectReader& hub, const fs::path& base,
                             std::map<std::string, ProvincialTargetConfig>& out,
                             ConfigErrors& errors) {
  auto ptr = hub.child("provincial_targets");
  if (ptr.empty()) return;
  ObjectReader r(hub.document(), ptr, errors);
  if (!r.ok()) return;
  for (const auto& name : r.keys()) {
    r.allow(name);
    if (!is_route_name(name)) {
      r.error(name, "a target's name is 1-64 of a-z, 0-9, - and _");
      continue;
    }
    out.emplace(name, read_target(r, name, base, errors));
  }
  r.finish();
}

void read_inbound_operations(ObjectReader& connector, const fs::path& mappings_dir,
                             std::map<std::string, InboundOperationConfig>& out,
                             ConfigErrors& errors) {
  auto ptr = connector.child("inbound");
  if (ptr.empty()) return;
  ObjectReader r(connector.document(), ptr, errors);
  if (!r.ok()) return;
  for (const auto& name : r.keys()) {
    r.allow(name);
    if (!is_route_name(name)) {
      r.error(name, "an operation's name is 1-64 of a-z, 0-9, - and _");
      continue;
    }
    out.emplace(name, read_inbound(r, name, mappings_dir / "inbound", errors));
  }
  r.finish();
}

void check_inbound_targets(const std::map<std::string, InboundOperationConfig>& inbound,
                           const std::map<std::string, ProvincialTargetConfig>& targets,
                           ConfigErrors& errors) {
  for (const auto& [name, op] : inbound) {
    if (op.target.empty() || targets.contains(op.target)) continue;
    std::string known;
    for (const auto& [t, target] : targets) known += (known.empty() ? "" : ", ") + t;
    errors.push_back({op.file.string(), op.target_line, "inbound." + name + ".target",
                      "no provincial target " + op.target + " in hub.json provincial_targets" +
                          (known.empty() ? " (none configured)" : " (configured: " + known + ")")});
  }
}

}  // namespace lienthong::config
