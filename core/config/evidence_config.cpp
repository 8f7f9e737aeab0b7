// Readers of the evidence journal's settings: `evidence` in hub.json (the chain, its stamps, the
// archive keys) and `evidence` in a connector file (whether its bodies are archived).
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>

#include "core/config/detail/readers.hpp"

namespace lienthong::config::detail {
namespace {

namespace fs = std::filesystem;

std::string host_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "hub";
  return name;
}

bool plain_name(const std::string& s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
  });
}

std::optional<ArchiveKeyConfig> read_key(const JsonDocument& doc, const std::string& ptr,
                                         const fs::path& base, ConfigErrors& errors) {
  ObjectReader k(doc, ptr, errors);
  if (!k.ok()) return std::nullopt;
  ArchiveKeyConfig key;
  std::string file;
  if (k.read("id", key.id, true) && !plain_name(key.id)) {
    k.error("id", "1-64 of A-Z, a-z, 0-9, '.', '_' and '-' (it is stored with each body)");
  }
  k.read("file", file);
  k.read("env", key.env);
  k.finish();
  if (file.empty() == key.env.empty()) {
    k.error("", "give exactly one of file and env");
    return std::nullopt;
  }
  if (!file.empty()) key.file = resolve(base, file);
  return key;
}

}  // namespace

void read_evidence(ObjectReader& parent, const fs::path& base, EvidenceConfig& out,
                   ConfigErrors& errors) {
  out.node = host_name();
  if (auto ptr = parent.child("evidence"); !ptr.empty()) {
    ObjectReader r(parent.document(), ptr, errors);
    if (!r.ok()) return;
    r.read("enabled", out.enabled);
    if (r.read("node", out.node) && !plain_name(out.node)) {
      r.error("node", "1-64 of A-Z, a-z, 0-9, '.', '_' and '-'; one name per hub node");
    }
    r.read("stamp_every_entries", out.stamp_every_entries, false, 1, 1'000'000);
    r.read("stamp_every_s", out.stamp_every_s, false, 1, 86'400);
    if (auto key = r.child("archive_key"); !key.empty()) {
      out.archive_key = read_key(parent.document(), key, base, errors);
    }
    if (auto retired = r.child("retired_keys"); !retired.empty()) {
      const auto& list = parent.document().root().at(nlohmann::json::json_pointer(retired));
      if (!list.is_array()) {
        r.error("retired_keys", "must be a list of {id, file | env}");
      } else {
        for (std::size_t i = 0; i < list.size(); ++i) {
          auto key = read_key(parent.document(), retired + "/" + std::to_string(i), base, errors);
          if (key) out.retired_keys.push_back(std::move(*key));
        }
      }
    }
    r.finish();
  }
  // Several hubs started from one config file (the same /etc/lienthong on each node, a test's
  // processes on one machine) still get a chain each.
  if (const char* node = std::getenv("LIENTHONG_NODE"); node != nullptr && *node != '\0') {
    if (plain_name(node)) {
      out.node = node;
    } else {
      errors.push_back(parent.document().error_at(
          "/evidence/node", "LIENTHONG_NODE must be 1-64 of A-Z, a-z, 0-9, '.', '_' and '-'"));
    }
  }
}

void read_connector_evidence(ObjectReader& parent, bool can_archive, ConnectorEvidenceConfig& out,
                             ConfigErrors& errors) {
  auto ptr = parent.child("evidence");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  if (!r.ok()) return;
  if (r.read("archive_bodies", out.archive_bodies) && out.archive_bodies && !can_archive) {
    r.error("archive_bodies",
            "needs evidence.archive_key in hub.json (archived bodies are encrypted at rest)");
  }
  r.read("body_retention_days", out.body_retention_days, false, 1, 36'500);
  r.finish();
}

}  // namespace lienthong::config::detail
