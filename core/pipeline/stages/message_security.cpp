#include "core/pipeline/stages/message_security.hpp"

#include "core/pipeline/stages/ocsp_transport.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/ocsp/ocsp_policy.hpp"
#include "core/security/ocsp/ocsp_revocation_hook.hpp"

namespace lienthong::pipeline {
namespace {

using namespace std::chrono_literals;
constexpr auto kOcspTimeout = 3s;      ///< one exchange with the responder
constexpr auto kOcspHookTimeout = 4s;  ///< the worker's wait for that exchange

// Problems of files named in `message_security` are reported against the connector file and
// key, with the loader's own reason (which names the file).
config::ConfigError located(const config::ConnectorConfig& c, const std::string& key,
                            const config::ConfigError& e) {
  return {c.file.string(), 0, "message_security." + key, e.to_string()};
}

std::optional<security::SigningIdentity> load_identity(const config::ConnectorConfig& c,
                                                       const config::MessageSecurityConfig& m,
                                                       config::ConfigErrors& errors) {
  if (!m.signing_pkcs12.empty()) {
    auto id = security::SigningIdentity::load_pkcs12(m.signing_pkcs12, m.signing_pkcs12_password);
    if (id) return std::move(id).value();
    errors.push_back(located(c, "signing_pkcs12", id.error()));
    return std::nullopt;
  }
  auto id = security::SigningIdentity::load_pem(m.signing_key, m.signing_certificate);
  if (id) return std::move(id).value();
  errors.push_back(located(c, "signing_key", id.error()));
  return std::nullopt;
}

security::Certificates load_all(const config::ConnectorConfig& c, const std::string& key,
                                const std::vector<std::filesystem::path>& files,
                                config::ConfigErrors& errors) {
  security::Certificates out;
  for (const auto& file : files) {
    auto certs = security::load_certificates(file);
    if (!certs) {
      errors.push_back(located(c, key, certs.error()));
      continue;
    }
    for (auto& cert : *certs) out.push_back(std::move(cert));
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const MessageSecurity>, config::ConfigErrors> load_message_security(
    const config::ConnectorConfig& c, const StageServices& services) {
  const auto& m = *c.message_security;
  config::ConfigErrors errors;
  auto identity = load_identity(c, m, errors);
  auto trust = security::TrustStore::load(m.trust_anchors, m.intermediates);
  if (!trust) errors.push_back(located(c, "trust_anchors", trust.error()));
  auto anchors = load_all(c, "trust_anchors", m.trust_anchors, errors);
  auto intermediates = load_all(c, "intermediates", m.intermediates, errors);
  if (!errors.empty()) return errors;

  auto out = std::make_shared<MessageSecurity>(
      MessageSecurity{c.id, std::move(*identity), std::move(trust).value(),
                      security::AlgorithmPolicy::dancu_dsig_1(), std::nullopt});
  const auto policy = security::parse_ocsp_policy(m.ocsp);
  if (policy && services.ocsp_client != nullptr && services.io) {
    security::OcspCheckerOptions options;
    options.trust_anchors = std::move(anchors);
    options.intermediates = std::move(intermediates);
    options.responder_url = m.ocsp_url;
    out->ocsp.emplace(std::move(options), http_ocsp_transport(*services.ocsp_client, kOcspTimeout));
    // Verification runs on the worker pool, where waiting for the responder is allowed.
    out->trust.set_revocation_check(security::blocking_ocsp_revocation_check(
        *out->ocsp, *policy, *services.io,
        std::chrono::duration_cast<std::chrono::milliseconds>(kOcspHookTimeout)));
  }
  return std::shared_ptr<const MessageSecurity>(std::move(out));
}

}  // namespace lienthong::pipeline
