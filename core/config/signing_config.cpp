#include "core/config/detail/readers.hpp"

// The signing sections: a connector's remote-signing CA account (`signing`, kyso) and the hub's
// time-stamp authority (`time_stamp_authority` of hub.json). Files are resolved against the
// config file's folder; `lienthong check-config` loads them.

namespace lienthong::config::detail {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> resolve_all(const fs::path& base, const std::vector<std::string>& files) {
  std::vector<fs::path> out;
  out.reserve(files.size());
  for (const auto& f : files) out.push_back(resolve(base, f));
  return out;
}

}  // namespace

void read_signing(ObjectReader& parent, const fs::path& base, std::optional<SigningConfig>& out,
                  ConfigErrors& errors) {
  auto ptr = parent.child("signing");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  SigningConfig s;
  if (r.read("sp_id", s.sp_id, true) && s.sp_id.empty()) r.error("sp_id", "must not be empty");
  s.sp_password = read_secret(r, "sp_password", base, errors);
  std::vector<std::string> anchors;
  std::vector<std::string> intermediates;
  if (r.read("trust_anchors", anchors, true) && anchors.empty()) {
    r.error("trust_anchors", "name at least one PEM file of the CA's root");
  }
  r.read("intermediates", intermediates);
  s.trust_anchors = resolve_all(base, anchors);
  s.intermediates = resolve_all(base, intermediates);
  if (r.read("ocsp", s.ocsp) && !one_of(s.ocsp, {"off", "soft-fail", "hard-fail"})) {
    r.error("ocsp", "must be off, soft-fail or hard-fail");
  }
  r.read("ocsp_url", s.ocsp_url);
  r.read("poll_every_s", s.poll_every_s, false, 1, 3600);
  r.read("approval_deadline_s", s.approval_deadline_s, false, 10, 7 * 86'400);
  if (r.read("reserved_signature_bytes", s.reserved_signature_bytes) &&
      (s.reserved_signature_bytes < 8192 || s.reserved_signature_bytes > 262'144)) {
    r.error("reserved_signature_bytes", "must be 8192-262144 (a CMS with chain and timestamp)");
  }
  r.finish();
  out = std::move(s);
}

void read_time_stamp_authority(ObjectReader& parent, const fs::path& base,
                               TimestampAuthorityConfig& out, ConfigErrors& errors) {
  auto ptr = parent.child("time_stamp_authority");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  if (r.read("url", out.url, true) && !out.url.starts_with("http://") &&
      !out.url.starts_with("https://")) {
    r.error("url", "must be an http:// or https:// URL");
  }
  std::vector<std::string> anchors;
  std::vector<std::string> intermediates;
  if (r.read("trust_anchors", anchors, true) && anchors.empty()) {
    r.error("trust_anchors", "name at least one PEM file the TSA's certificate chains to");
  }
  r.read("intermediates", intermediates);
  out.trust_anchors = resolve_all(base, anchors);
  out.intermediates = resolve_all(base, intermediates);
  r.read("timeout_ms", out.timeout_ms, false, 1, 600'000);
  r.finish();
}

}  // namespace lienthong::config::detail
