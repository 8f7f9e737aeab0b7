#include "app/reload.hpp"

namespace lienthong::app {

namespace {

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

const config::ConnectorConfig* find(const config::HubConfig& config, const std::string& id) {
  for (const auto& c : config.connectors) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace

ReloadChanges changes_between(const HubSnapshot& before, const HubSnapshot& after) {
  ReloadChanges out;
  for (const auto& c : after.config.connectors) {
    const auto* old = find(before.config, c.id);
    if (old == nullptr) {
      out.added.push_back(c.id);
    } else if (before.files.of_connector(*old) != after.files.of_connector(c) ||
               old->type != c.type) {
      out.changed.push_back(c.id);
    }
  }
  for (const auto& c : before.config.connectors) {
    if (find(after.config, c.id) == nullptr) out.removed.push_back(c.id);
  }
  const auto& a = before.files.sha256;
  const auto& b = after.files.sha256;
  for (const auto& [path, sum] : b) {
    const auto it = a.find(path);
    if (it == a.end() || it->second != sum) out.files.push_back(path);
  }
  for (const auto& [path, sum] : a) {
    if (!b.contains(path)) out.files.push_back(path);
  }
  // hub.json alone (clients, provincial targets, limits) changes no connector's files.
  return out;
}

config::ConfigErrors needs_restart(const config::HubConfig& before,
                                   const config::HubConfig& after) {
  config::ConfigErrors errors;
  const auto file = after.file.string();
  auto differs = [&](bool changed, const std::string& key, const std::string& what) {
    if (changed) {
      errors.push_back({file, 0, key,
                        what + " changed: a reload keeps it as the hub started; restart the hub "
                               "to apply it"});
    }
  };
  auto address = [](const std::string& host, std::uint16_t port) {
    return host + ":" + std::to_string(port);
  };
  differs(address(before.listen.host, before.listen.port) !=
              address(after.listen.host, after.listen.port),
          "listen",
          "the provincial listener's address (" + address(before.listen.host, before.listen.port) +
              " -> " + address(after.listen.host, after.listen.port) + ")");
  differs(before.listen_tls != after.listen_tls, "listen_tls", "the provincial TLS listener");
  differs(before.admin.tls != after.admin.tls, "admin.tls", "the admin listener's TLS");
  differs(before.admin.operators_file != after.admin.operators_file ||
              before.admin.console_dir != after.admin.console_dir,
          "admin", "the admin listener's operators file or console folder");
  differs(
      address(before.admin.host, before.admin.port) != address(after.admin.host, after.admin.port),
      "admin",
      "the admin listener's address (" + address(before.admin.host, before.admin.port) + " -> " +
          address(after.admin.host, after.admin.port) + ")");
  differs(before.store.type != after.store.type || before.store.path != after.store.path ||
              before.store.connection != after.store.connection ||
              before.store.lease_ms != after.store.lease_ms ||
              before.store.retention_days != after.store.retention_days,
          "store", "the message store");
  differs(before.var_dir != after.var_dir, "var_dir", "the state folder");
  differs(before.time_stamp_authority.url != after.time_stamp_authority.url ||
              before.time_stamp_authority.trust_anchors != after.time_stamp_authority.trust_anchors,
          "time_stamp_authority", "the time-stamp authority");
  differs(before.evidence.enabled != after.evidence.enabled, "evidence.enabled",
          "the evidence journal");
  return errors;
}

std::string ReloadResult::summary() const {
  if (!applied) {
    return "reload refused (" + std::to_string(errors.size()) +
           (errors.size() == 1 ? " problem" : " problems") + "): the running configuration is kept";
  }
  std::string out = "reloaded " + std::to_string(files) + " files (sha256 " + checksum + ")";
  if (!changes.added.empty()) out += "; added " + join(changes.added);
  if (!changes.removed.empty()) out += "; removed " + join(changes.removed);
  if (!changes.changed.empty()) out += "; changed " + join(changes.changed);
  if (changes.files.empty()) out += "; no file changed";
  return out;
}

nlohmann::json ReloadResult::json() const {
  nlohmann::json out = {{"applied", applied}, {"summary", summary()}};
  if (!applied) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors) {
      list.push_back({{"file", e.file},
                      {"line", e.line},
                      {"key", e.key_path},
                      {"reason", e.reason},
                      {"text", e.to_string()}});
    }
    out["errors"] = std::move(list);
    return out;
  }
  out["checksum"] = checksum;
  out["files"] = files;
  out["connectors"] = {
      {"added", changes.added}, {"removed", changes.removed}, {"changed", changes.changed}};
  out["changed_files"] = changes.files;
  return out;
}

}  // namespace lienthong::app
