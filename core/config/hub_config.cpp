#include "core/config/hub_config.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/config/detail/readers.hpp"
#include "core/config/json_document.hpp"
#include "core/config/object_reader.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

using detail::one_of;
using detail::read_connector_evidence;
using detail::read_egress_tls;
using detail::read_evidence;
using detail::read_message_security;
using detail::read_secret;
using detail::read_signing;
using detail::read_time_stamp_authority;
using detail::resolve;

/// "HH:MM", 00:00 to 23:59.
bool is_clock_time(std::string_view t) {
  const auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return false;
  }
  return (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

void read_listener(ObjectReader& parent, std::string_view key, ListenerConfig& out,
                   ConfigErrors& errors) {
  auto ptr = parent.child(key);
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  r.read("host", out.host);
  r.read("port", out.port);
  r.finish();
}

SessionAuthConfig read_session_auth(ObjectReader& a, const fs::path& base, ConfigErrors& errors) {
  SessionAuthConfig s;
  if (a.read("login_path", s.login_path, true) &&
      (s.login_path.empty() || s.login_path.front() != '/')) {
    a.error("login_path", "must start with /");
  }
  s.username = read_secret(a, "username", base, errors);
  s.password = read_secret(a, "password", base, errors);
  if (a.read("dstcode", s.dstcode, true) && s.dstcode.empty()) {
    a.error("dstcode", "must not be empty");
  }
  if (a.read("madonvi", s.madonvi, true) && s.madonvi.empty()) {
    a.error("madonvi", "must not be empty");
  }
  return s;
}

void read_limits(ObjectReader& parent, LimitsConfig& out, ConfigErrors& errors) {
  auto ptr = parent.child("limits");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  r.read("header_limit_bytes", out.header_limit_bytes);
  r.read("body_limit_bytes", out.body_limit_bytes);
  r.read("read_timeout_ms", out.read_timeout_ms, false, 1);
  r.read("idle_timeout_ms", out.idle_timeout_ms, false, 1);
  r.read("max_connections", out.max_connections);
  r.read("shutdown_grace_ms", out.shutdown_grace_ms);
  r.finish();
}

void read_clients(ObjectReader& parent, const fs::path& base, std::vector<ClientConfig>& out,
                  ConfigErrors& errors) {
  auto ptr = parent.child("clients");
  if (ptr.empty()) return;
  const auto& doc = parent.document();
  const auto& list = doc.root().at(nlohmann::json::json_pointer(ptr));
  if (!list.is_array()) {
    errors.push_back(doc.error_at(ptr, "must be a list of clients"));
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    ObjectReader r(doc, ptr + "/" + std::to_string(i), errors);
    if (!r.ok()) continue;
    ClientConfig c;
    r.read("name", c.name, true);
    std::string key_file;
    r.read("api_key_sha256", c.api_key_sha256);
    r.read("api_key_file", key_file);
    r.read("create_key_if_missing", c.create_key_if_missing);
    r.read("certificate_subject", c.certificate_subject);
    r.read("certificate_sha256", c.certificate_sha256);
    r.read("allow", c.allow, true);
    r.read("allow_inbound", c.allow_inbound);
    if (!key_file.empty()) c.api_key_file = resolve(base, key_file);
    int identities = static_cast<int>(!c.api_key_sha256.empty()) +
                     static_cast<int>(!key_file.empty()) +
                     static_cast<int>(!c.certificate_subject.empty()) +
                     static_cast<int>(!c.certificate_sha256.empty());
    if (identities != 1) {
      r.error("",
              "give exactly one of api_key_sha256, api_key_file, certificate_subject, "
              "certificate_sha256");
    }
    if (!c.api_key_sha256.empty() &&
        (c.api_key_sha256.size() != 64 ||
         !std::all_of(c.api_key_sha256.begin(), c.api_key_sha256.end(),
                      [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); }))) {
      r.error("api_key_sha256", "must be 64 hex digits (sha256sum of the key)");
    }
    r.finish();
    out.push_back(std::move(c));
  }
}

void read_sandbox(ObjectReader& parent, const fs::path& base, SandboxConfig& out,
                  ConfigErrors& errors) {
  auto ptr = parent.child("sandbox");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  std::string data_dir;
  r.read("enabled", out.enabled);
  r.read("host", out.host);
  r.read("ports", out.ports);
  if (r.read("data_dir", data_dir)) out.data_dir = resolve(base, data_dir);
  if (!r.child("dkdn_token").empty()) out.dkdn_token = read_secret(r, "dkdn_token", base, errors);
  if (!r.child("motcua_token").empty()) {
    out.motcua_token = read_secret(r, "motcua_token", base, errors);
  }
  r.read("dvcqg_username", out.dvcqg_username);
  if (!r.child("dvcqg_password").empty()) {
    out.dvcqg_password = read_secret(r, "dvcqg_password", base, errors);
  }
  r.read("dvcqg_dstcodes", out.dvcqg_dstcodes);
  if (r.read("dvcqg_adapter_path", out.dvcqg_adapter_path) &&
      (out.dvcqg_adapter_path.empty() || out.dvcqg_adapter_path.front() != '/')) {
    r.error("dvcqg_adapter_path", "must start with /");
  }
  if (r.read("paygov_partner", out.paygov_partner) && out.paygov_partner.empty()) {
    r.error("paygov_partner", "must not be empty");
  }
  for (auto [key, value] : {std::pair{"paygov_secret", &out.paygov_secret},
                            std::pair{"paygov_token", &out.paygov_token},
                            std::pair{"paygov_ipn_key", &out.paygov_ipn_key}}) {
    if (!r.child(key).empty()) *value = read_secret(r, key, base, errors);
  }
  if (r.read("paygov_ipn_url", out.paygov_ipn_url) && !out.paygov_ipn_url.starts_with("http://") &&
      !out.paygov_ipn_url.starts_with("https://")) {
    r.error("paygov_ipn_url", "must be an http:// or https:// URL");
  }
  r.read("paygov_expiry_s", out.paygov_expiry_s, false, 1, 86'400);
  if (r.read("kyso_sp_id", out.kyso_sp_id) && out.kyso_sp_id.empty()) {
    r.error("kyso_sp_id", "must not be empty");
  }
  if (!r.child("kyso_sp_password").empty()) {
    out.kyso_sp_password = read_secret(r, "kyso_sp_password", base, errors);
  }
  r.read("kyso_approval_ms", out.kyso_approval_ms, false, 1, 3'600'000);
  r.read("kyso_expiry_ms", out.kyso_expiry_ms, false, 1, 86'400'000);
  std::string certs_dir;
  if (r.read("certs_dir", certs_dir)) out.certs_dir = resolve(base, certs_dir);
  r.read("request_log_capacity", out.request_log_capacity, false, 1, 1'000'000);
  r.finish();
}

void read_store(ObjectReader& parent, const fs::path& base, StoreConfig& out,
                ConfigErrors& errors) {
  auto ptr = parent.child("store");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  if (!r.ok()) return;
  std::string path;
  r.read("type", out.type);
  r.read("retention_days", out.retention_days, false, 1, 3650);
  r.read("lease_ms", out.lease_ms, false, 1'000, 3'600'000);
  if (out.type == "sqlite") {
    if (r.read("path", path)) out.path = resolve(base, path);
  } else if (out.type == "postgresql") {
    out.connection = read_secret(r, "connection", base, errors);
  } else {
    r.error("type", "must be sqlite or postgresql");
    r.allow("path");
    r.allow("connection");
  }
  r.finish();
}

OperationConfig read_operation(const JsonDocument& doc, const std::string& ptr,
                               const std::string& name, const ConnectorConfig& connector,
                               ConfigErrors& errors) {
  ObjectReader r(doc, ptr, errors);
  OperationConfig op;
  op.name = name;
  r.read("description", op.description);
  r.read("method", op.method);
  r.read("path", op.path, true);
  r.read("request_as", op.request_as);
  r.read("response_format", op.response_format);
  r.read("headers", op.headers);
  r.read("timeout_ms", op.timeout_ms, false, 1, 600'000);
  r.read("answer_status", op.answer_status, false, 200, 299);
  if (r.read("answer_as", op.answer_as) && op.answer_as != "json" && op.answer_as != "document") {
    r.error("answer_as", "must be json or document");
  }
  if (r.read("respond", op.respond) && op.respond != "either" && op.respond != "async") {
    r.error("respond", "must be either (sync unless Prefer: respond-async) or async (always 202)");
  }
  r.read("body_limit_bytes", op.body_limit_bytes);
  if (r.read("order_key", op.order_key) && (op.order_key.empty() || op.order_key.front() != '/')) {
    r.error("order_key", "must be a JSON Pointer into the request, e.g. /dossierCode");
  }
  r.finish();
  if (op.method != "GET" && op.method != "POST" && op.method != "PUT") {
    r.error("method", "must be GET, POST or PUT");
  }
  if (op.request_as != "json-body" && op.request_as != "xml-body" && op.request_as != "query") {
    r.error("request_as", "must be json-body, xml-body or query");
  }
  if (op.response_format != "json" && op.response_format != "xml") {
    r.error("response_format", "must be json or xml");
  }
  if (op.path.empty() || op.path.front() != '/') r.error("path", "must start with /");
  const auto& dir = connector.mappings_dir;
  op.schema_file = dir / (name + ".schema.json");
  op.request_mapping_file =
      dir / (name + (op.request_as == "xml-body" ? ".request.xml" : ".request.json"));
  op.response_mapping_file = dir / (name + ".response.json");
  op.example_file = dir / (name + ".example.json");
  return op;
}

void read_connector(const fs::path& file, const fs::path& mappings_dir, HubConfig& hub,
                    ConfigErrors& errors) {
  auto doc = JsonDocument::load(file);
  if (!doc) {
    errors.push_back(doc.error());
    return;
  }
  ObjectReader r(*doc, "", errors);
  if (!r.ok()) return;
  ConnectorConfig c;
  c.id = file.stem().string();
  c.file = file;
  c.mappings_dir = mappings_dir / c.id;
  r.read("type", c.type, true);
  r.read("description", c.description);
  r.read("base_url", c.base_url, true);
  r.read("timeout_ms", c.timeout_ms, false, 1, 600'000);
  if (auto auth = r.child("auth"); !auth.empty()) {
    ObjectReader a(*doc, auth, errors);
    a.read("type", c.auth_type, true);
    if (c.auth_type == "bearer") {
      c.bearer_token = read_secret(a, "token", file.parent_path(), errors);
    } else if (c.auth_type == "session") {
      c.session = read_session_auth(a, file.parent_path(), errors);
    } else if (c.auth_type != "none") {
      a.error("type", "must be none, bearer or session");
    }
    a.finish();
  }
  if (auto partner = r.child("partner"); !partner.empty()) {
    ObjectReader p(*doc, partner, errors);
    PartnerConfig pc;
    if (p.read("code", pc.code, true) && pc.code.empty()) p.error("code", "must not be empty");
    pc.secret = read_secret(p, "secret", file.parent_path(), errors);
    p.finish();
    c.partner = std::move(pc);
  }
  if (auto payments = r.child("payments"); !payments.empty()) {
    ObjectReader p(*doc, payments, errors);
    p.read("query_after_s", c.payments.query_after_s, false, 1, 7 * 86'400);
    p.read("query_every_s", c.payments.query_every_s, false, 1, 86'400);
    p.read("expiry_grace_s", c.payments.expiry_grace_s, false, 0, 86'400);
    if (p.read("reconcile_at", c.payments.reconcile_at) &&
        !is_clock_time(c.payments.reconcile_at)) {
      p.error("reconcile_at", "must be a time of day HH:MM (00:00-23:59), Asia/Ho_Chi_Minh");
    }
    p.finish();
  }
  read_egress_tls(r, file.parent_path(), c.tls, errors);
  read_message_security(r, file.parent_path(), c.message_security, errors);
  read_signing(r, file.parent_path(), c.signing, errors);
  read_circuit(r, c.circuit, errors);
  read_rate_limit(r, c.rate_limit, errors);
  read_retry_config(r, c.delivery, errors);
  read_connector_evidence(r, !hub.evidence.enabled || hub.evidence.archive_key.has_value(),
                          c.evidence, errors);
  if (auto ops = r.child("operations", true); !ops.empty()) {
    ObjectReader o(*doc, ops, errors);
    for (const auto& name : o.keys()) {
      o.allow(name);
      if (!is_route_name(name)) {
        o.error(name, "an operation's name is 1-64 of a-z, 0-9, - and _");
        continue;
      }
      c.operations.emplace(
          name, read_operation(*doc, ops + "/" + escape_pointer_token(name), name, c, errors));
    }
    if (o.ok() && c.operations.empty()) o.error("", "declare at least one operation");
  }
  read_inbound_operations(r, c.mappings_dir, c.inbound, errors);
  r.finish();
  hub.connectors.push_back(std::move(c));
}

}  // namespace

const ConnectorConfig* HubConfig::connector(std::string_view id) const {
  for (const auto& c : connectors) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

Result<HubConfig, ConfigErrors> load_hub_config(const fs::path& file) {
  ConfigErrors errors;
  auto hub = read_hub_config(file, errors);
  if (!errors.empty()) return errors;
  return hub;
}

HubConfig read_hub_config(const fs::path& file, ConfigErrors& errors) {
  HubConfig hub;
  hub.file = file;
  auto doc = JsonDocument::load(file);
  if (!doc) {
    errors.push_back(doc.error());
    return hub;
  }
  const fs::path base = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  ObjectReader r(*doc, "", errors);
  if (!r.ok()) return hub;
  read_listener(r, "listen", hub.listen, errors);
  read_admin_config(r, base, hub.admin, errors);
  detail::read_tls_listener(r, "listen_tls", true, base, hub.listen_tls, errors);
  read_limits(r, hub.limits, errors);
  r.read("threads", hub.threads, false, 1, 256);
  r.read("log_level", hub.log_level);
  if (hub.log_level != "debug" && hub.log_level != "info" && hub.log_level != "warn" &&
      hub.log_level != "error") {
    r.error("log_level", "must be debug, info, warn or error");
  }
  std::string var_dir = "../var";
  std::string mappings_dir = "../mappings";
  std::string connectors_dir = "connectors";
  r.read("var_dir", var_dir);
  r.read("mappings_dir", mappings_dir);
  r.read("connectors_dir", connectors_dir);
  hub.var_dir = resolve(base, var_dir);
  hub.mappings_dir = resolve(base, mappings_dir);
  hub.sandbox.data_dir = resolve(base, "../sandbox/data");
  hub.sandbox.certs_dir = resolve(base, "../certs/dev");
  read_clients(r, base, hub.clients, errors);
  read_sandbox(r, base, hub.sandbox, errors);
  hub.store.path = hub.var_dir / "lienthong.db";
  read_store(r, base, hub.store, errors);
  read_time_stamp_authority(r, base, hub.time_stamp_authority, errors);
  read_evidence(r, base, hub.evidence, errors);
  read_delivery_config(r, hub.delivery, errors);
  read_provincial_targets(r, base, hub.provincial_targets, errors);
  r.finish();

  auto dir = resolve(base, connectors_dir);
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (ec) errors.push_back(doc->error_at("/connectors_dir", "cannot list " + dir.string()));
  std::sort(files.begin(), files.end());
  for (const auto& f : files) read_connector(f, hub.mappings_dir, hub, errors);
  for (const auto& c : hub.connectors) {
    check_inbound_targets(c.inbound, hub.provincial_targets, errors);
  }
  return hub;
}

}  // namespace lienthong::config
