#include "core/config/detail/readers.hpp"

// The TLS and message-security sections: the ingress TLS listener, a connector's egress TLS and
// its XML-DSig settings. Files are resolved against the config file's folder; checking that
// they hold usable certificates is `lienthong check-config`'s job (core/security).

namespace lienthong::config::detail {

namespace fs = std::filesystem;

void read_tls_listener(ObjectReader& parent, std::string_view name, bool with_address,
                       const fs::path& base, TlsListenerConfig& out, ConfigErrors& errors) {
  auto ptr = parent.child(name);
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  std::string certificate;
  std::string key;
  std::string client_ca;
  out.enabled = true;
  r.read("enabled", out.enabled);
  if (with_address) {
    r.read("host", out.host);
    r.read("port", out.port);
  }
  r.read("certificate", certificate, true);
  r.read("private_key", key, true);
  r.read("client_ca", client_ca);
  r.read("client_certificates", out.client_certificates);
  r.read("ocsp", out.ocsp);
  r.read("ocsp_url", out.ocsp_url);
  r.finish();
  out.certificate = resolve(base, certificate);
  out.private_key = resolve(base, key);
  if (!client_ca.empty()) out.client_ca = resolve(base, client_ca);
  if (!one_of(out.client_certificates, {"none", "optional", "required"})) {
    r.error("client_certificates", "must be none, optional or required");
  }
  if (out.client_certificates != "none" && client_ca.empty()) {
    r.error("client_ca", "is required when client certificates are asked for");
  }
  if (!one_of(out.ocsp, {"off", "soft-fail", "hard-fail"})) {
    r.error("ocsp", "must be off, soft-fail or hard-fail");
  }
}

void read_egress_tls(ObjectReader& parent, const fs::path& base,
                     std::optional<EgressTlsConfig>& out, ConfigErrors& errors) {
  auto ptr = parent.child("tls");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  EgressTlsConfig tls;
  std::string ca;
  std::string cert;
  std::string key;
  std::string p12;
  if (r.read("ca", ca)) tls.ca = resolve(base, ca);
  if (r.read("client_certificate", cert)) tls.client_certificate = resolve(base, cert);
  if (r.read("client_key", key)) tls.client_key = resolve(base, key);
  if (r.read("pkcs12", p12)) tls.pkcs12 = resolve(base, p12);
  if (!r.child("pkcs12_password").empty()) {
    tls.pkcs12_password = read_secret(r, "pkcs12_password", base, errors);
  }
  r.finish();
  if (cert.empty() != key.empty()) r.error("", "give client_certificate and client_key together");
  if (!p12.empty() && !cert.empty())
    r.error("pkcs12", "give a PKCS#12 file or PEM files, not both");
  out = std::move(tls);
}

void read_message_security(ObjectReader& parent, const fs::path& base,
                           std::optional<MessageSecurityConfig>& out, ConfigErrors& errors) {
  auto ptr = parent.child("message_security");
  if (ptr.empty()) return;
  ObjectReader r(parent.document(), ptr, errors);
  MessageSecurityConfig m;
  std::string key;
  std::string cert;
  std::string p12;
  std::vector<std::string> anchors;
  std::vector<std::string> intermediates;
  r.read("profile", m.profile, true);
  if (r.read("signing_key", key)) m.signing_key = resolve(base, key);
  if (r.read("signing_certificate", cert)) m.signing_certificate = resolve(base, cert);
  if (r.read("signing_pkcs12", p12)) m.signing_pkcs12 = resolve(base, p12);
  if (!r.child("signing_pkcs12_password").empty()) {
    m.signing_pkcs12_password = read_secret(r, "signing_pkcs12_password", base, errors);
  }
  r.read("trust_anchors", anchors, true);
  r.read("intermediates", intermediates);
  r.read("ocsp", m.ocsp);
  r.read("ocsp_url", m.ocsp_url);
  r.finish();
  for (const auto& a : anchors) m.trust_anchors.push_back(resolve(base, a));
  for (const auto& i : intermediates) m.intermediates.push_back(resolve(base, i));
  if (m.profile != "dancu-dsig-1") r.error("profile", "must be dancu-dsig-1");
  if (p12.empty() && (key.empty() || cert.empty())) {
    r.error("", "give signing_key and signing_certificate, or signing_pkcs12");
  }
  if (!one_of(m.ocsp, {"off", "soft-fail", "hard-fail"})) {
    r.error("ocsp", "must be off, soft-fail or hard-fail");
  }
  out = std::move(m);
}

}  // namespace lienthong::config::detail
