#include "core/admin/config_json.hpp"

namespace lienthong::admin {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

Json masked(const std::string& secret) {
  return secret.empty() ? Json("") : Json(std::string(kMasked));
}

Json paths(const std::vector<fs::path>& files) {
  Json out = Json::array();
  for (const auto& f : files) out.push_back(f.string());
  return out;
}

Json retry_json(const config::RetryConfig& r) {
  return {{"max_attempts", r.max_attempts},
          {"backoff_initial_ms", r.backoff_initial_ms},
          {"backoff_max_ms", r.backoff_max_ms},
          {"attempt_timeout_ms", r.attempt_timeout_ms}};
}

Json operation_json(const config::OperationConfig& op) {
  Json j = {{"description", op.description},
            {"method", op.method},
            {"path", op.path},
            {"request_as", op.request_as},
            {"response_format", op.response_format},
            {"headers", op.headers},
            {"timeout_ms", op.timeout_ms},
            {"answer_status", op.answer_status},
            {"answer_as", op.answer_as},
            {"respond", op.respond},
            {"body_limit_bytes", op.body_limit_bytes},
            {"order_key", op.order_key},
            {"schema_file", op.schema_file.string()},
            {"request_mapping_file", op.request_mapping_file.string()},
            {"response_mapping_file", op.response_mapping_file.string()}};
  return j;
}

Json connector_json(const config::ConnectorConfig& c) {
  Json j = {{"id", c.id},
            {"file", c.file.string()},
            {"type", c.type},
            {"description", c.description},
            {"base_url", c.base_url},
            {"timeout_ms", c.timeout_ms},
            {"mappings_dir", c.mappings_dir.string()}};
  Json auth = {{"type", c.auth_type}};
  if (c.auth_type == "bearer") auth["token"] = masked(c.bearer_token);
  if (const auto& s = c.session) {
    auth["login_path"] = s->login_path;
    auth["username"] = masked(s->username);
    auth["password"] = masked(s->password);
    auth["dstcode"] = s->dstcode;
    auth["madonvi"] = s->madonvi;
  }
  j["auth"] = std::move(auth);
  if (const auto& p = c.partner) j["partner"] = {{"code", p->code}, {"secret", masked(p->secret)}};
  if (c.type == "paygov" || c.partner) {
    j["payments"] = {{"query_after_s", c.payments.query_after_s},
                     {"query_every_s", c.payments.query_every_s},
                     {"expiry_grace_s", c.payments.expiry_grace_s},
                     {"reconcile_at", c.payments.reconcile_at}};
  }
  if (const auto& s = c.signing) {
    j["signing"] = {{"sp_id", s->sp_id},
                    {"sp_password", masked(s->sp_password)},
                    {"trust_anchors", paths(s->trust_anchors)},
                    {"intermediates", paths(s->intermediates)},
                    {"ocsp", s->ocsp},
                    {"ocsp_url", s->ocsp_url},
                    {"poll_every_s", s->poll_every_s},
                    {"approval_deadline_s", s->approval_deadline_s},
                    {"reserved_signature_bytes", s->reserved_signature_bytes}};
  }
  if (const auto& t = c.tls) {
    j["tls"] = {{"ca", t->ca.string()},
                {"client_certificate", t->client_certificate.string()},
                {"client_key", t->client_key.string()},
                {"pkcs12", t->pkcs12.string()},
                {"pkcs12_password", masked(t->pkcs12_password)}};
  }
  if (const auto& m = c.message_security) {
    j["message_security"] = {{"profile", m->profile},
                             {"signing_key", m->signing_key.string()},
                             {"signing_certificate", m->signing_certificate.string()},
                             {"signing_pkcs12", m->signing_pkcs12.string()},
                             {"signing_pkcs12_password", masked(m->signing_pkcs12_password)},
                             {"trust_anchors", paths(m->trust_anchors)},
                             {"intermediates", paths(m->intermediates)},
                             {"ocsp", m->ocsp},
                             {"ocsp_url", m->ocsp_url}};
  }
  j["circuit"] = {{"enabled", c.circuit.enabled},
                  {"failure_threshold", c.circuit.failure_threshold},
                  {"open_ms", c.circuit.open_ms}};
  j["rate_limit"] =
      c.rate_limit ? Json{{"per_second", c.rate_limit->per_second}, {"burst", c.rate_limit->burst}}
                   : Json(nullptr);
  j["delivery"] = retry_json(c.delivery);
  j["evidence"] = {{"archive_bodies", c.evidence.archive_bodies},
                   {"body_retention_days", c.evidence.body_retention_days}};
  Json ops = Json::object();
  for (const auto& [name, op] : c.operations) ops[name] = operation_json(op);
  j["operations"] = std::move(ops);
  Json inbound = Json::object();
  for (const auto& [name, op] : c.inbound) {
    inbound[name] = {{"description", op.description},
                     {"target", op.target},
                     {"order_key", op.order_key},
                     {"schema_file", op.schema_file.string()},
                     {"mapping_file", op.mapping_file.string()}};
  }
  j["inbound"] = std::move(inbound);
  return j;
}

Json client_json(const config::ClientConfig& c) {
  return {{"name", c.name},
          {"api_key_sha256", masked(c.api_key_sha256)},
          {"api_key_file", c.api_key_file.string()},
          {"create_key_if_missing", c.create_key_if_missing},
          {"certificate_subject", c.certificate_subject},
          {"certificate_sha256", c.certificate_sha256},
          {"allow", c.allow},
          {"allow_inbound", c.allow_inbound}};
}

Json archive_key_json(const config::ArchiveKeyConfig& k) {
  // The key's file and variable say where it is, not what it is.
  return {{"id", k.id}, {"file", k.file.string()}, {"env", k.env}};
}

Json sandbox_json(const config::SandboxConfig& s) {
  return {{"enabled", s.enabled},
          {"host", s.host},
          {"ports", s.ports},
          {"data_dir", s.data_dir.string()},
          {"certs_dir", s.certs_dir.string()},
          {"dkdn_token", masked(s.dkdn_token)},
          {"motcua_token", masked(s.motcua_token)},
          {"dvcqg_username", s.dvcqg_username},
          {"dvcqg_password", masked(s.dvcqg_password)},
          {"dvcqg_dstcodes", s.dvcqg_dstcodes},
          {"dvcqg_adapter_path", s.dvcqg_adapter_path},
          {"paygov_partner", s.paygov_partner},
          {"paygov_secret", masked(s.paygov_secret)},
          {"paygov_token", masked(s.paygov_token)},
          {"paygov_ipn_url", s.paygov_ipn_url},
          {"paygov_ipn_key", masked(s.paygov_ipn_key)},
          {"paygov_expiry_s", s.paygov_expiry_s},
          {"kyso_sp_id", s.kyso_sp_id},
          {"kyso_sp_password", masked(s.kyso_sp_password)},
          {"kyso_approval_ms", s.kyso_approval_ms},
          {"kyso_expiry_ms", s.kyso_expiry_ms},
          {"request_log_capacity", s.request_log_capacity}};
}

}  // namespace

Json config_json(const config::HubConfig& config) {
  Json j;
  j["file"] = config.file.string();
  j["listen"] = {{"host", config.listen.host}, {"port", config.listen.port}};
  const auto& tls = config.listen_tls;
  j["listen_tls"] = {{"enabled", tls.enabled},
                     {"host", tls.host},
                     {"port", tls.port},
                     {"certificate", tls.certificate.string()},
                     {"private_key", tls.private_key.string()},
                     {"client_ca", tls.client_ca.string()},
                     {"client_certificates", tls.client_certificates},
                     {"ocsp", tls.ocsp},
                     {"ocsp_url", tls.ocsp_url}};
  j["admin"] = {{"host", config.admin.host},
                {"port", config.admin.port},
                {"console_dir", config.admin.console_dir.string()}};
  const auto& l = config.limits;
  j["limits"] = {
      {"header_limit_bytes", l.header_limit_bytes}, {"body_limit_bytes", l.body_limit_bytes},
      {"read_timeout_ms", l.read_timeout_ms},       {"idle_timeout_ms", l.idle_timeout_ms},
      {"max_connections", l.max_connections},       {"shutdown_grace_ms", l.shutdown_grace_ms}};
  j["threads"] = config.threads;
  j["log_level"] = config.log_level;
  j["var_dir"] = config.var_dir.string();
  j["mappings_dir"] = config.mappings_dir.string();
  j["clients"] = Json::array();
  for (const auto& c : config.clients) j["clients"].push_back(client_json(c));
  j["provincial_targets"] = Json::object();
  for (const auto& [name, t] : config.provincial_targets) {
    j["provincial_targets"][name] = {
        {"url", t.url},
        {"auth",
         {{"type", t.auth_type}, {"header", t.auth_header}, {"value", masked(t.auth_value)}}},
        {"timeout_ms", t.timeout_ms},
        {"delivery", retry_json(t.delivery)}};
  }
  const auto& tsa = config.time_stamp_authority;
  j["time_stamp_authority"] = {{"url", tsa.url},
                               {"trust_anchors", paths(tsa.trust_anchors)},
                               {"intermediates", paths(tsa.intermediates)},
                               {"timeout_ms", tsa.timeout_ms}};
  const auto& e = config.evidence;
  Json retired = Json::array();
  for (const auto& k : e.retired_keys) retired.push_back(archive_key_json(k));
  j["evidence"] = {
      {"enabled", e.enabled},
      {"node", e.node},
      {"stamp_every_entries", e.stamp_every_entries},
      {"stamp_every_s", e.stamp_every_s},
      {"archive_key", e.archive_key ? archive_key_json(*e.archive_key) : Json(nullptr)},
      {"retired_keys", std::move(retired)}};
  j["store"] = {{"type", config.store.type},
                {"path", config.store.path.string()},
                {"connection", masked(config.store.connection)},
                {"retention_days", config.store.retention_days},
                {"lease_ms", config.store.lease_ms}};
  j["delivery"] = {{"concurrency", config.delivery.concurrency}};
  j["sandbox"] = sandbox_json(config.sandbox);
  j["connectors"] = Json::object();
  for (const auto& c : config.connectors) j["connectors"][c.id] = connector_json(c);
  return j;
}

}  // namespace lienthong::admin
