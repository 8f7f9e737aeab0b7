#include "app/listener_tls.hpp"

#include "core/http/tls.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/stages/ocsp_transport.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/ocsp/ocsp_checker.hpp"
#include "core/security/ocsp/ocsp_policy.hpp"

namespace lienthong::app {

namespace asio = boost::asio;

namespace {

constexpr std::chrono::seconds kOcspTimeout{5};

http::ClientCertificates client_certificates(const std::string& mode) {
  if (mode == "required") return http::ClientCertificates::kRequired;
  if (mode == "optional") return http::ClientCertificates::kOptional;
  return http::ClientCertificates::kNone;
}

Result<std::shared_ptr<asio::ssl::context>, config::ConfigErrors> listener_tls_context(
    const config::TlsListenerConfig& tls, std::string_view key,
    const std::filesystem::path& config_file) {
  http::ServerTlsOptions options{tls.certificate, tls.private_key, tls.client_ca,
                                 client_certificates(tls.client_certificates)};
  auto context = http::server_tls(options);
  if (!context) {
    return config::ConfigErrors{{config_file.string(), 0, std::string(key), context.error()}};
  }
  return std::move(context).value();
}

Result<http::PeerCheck, config::ConfigErrors> client_ocsp_check(
    const config::TlsListenerConfig& tls, std::string_view key,
    const std::filesystem::path& config_file, http::HttpClient& client) {
  const auto policy = security::parse_ocsp_policy(tls.ocsp);
  if (!policy || client_certificates(tls.client_certificates) == http::ClientCertificates::kNone) {
    return http::PeerCheck{};
  }
  auto anchors = security::load_certificates(tls.client_ca);
  if (!anchors) {
    return config::ConfigErrors{
        {config_file.string(), 0, std::string(key) + ".client_ca", anchors.error().reason}};
  }
  security::OcspCheckerOptions options;
  options.trust_anchors = std::move(anchors).value();
  options.responder_url = tls.ocsp_url;
  const security::OcspChecker checker(std::move(options),
                                      pipeline::http_ocsp_transport(client, kOcspTimeout));
  return http::PeerCheck([checker, policy = *policy](
                             X509* leaf, X509* issuer) -> asio::awaitable<std::optional<Problem>> {
    if (issuer == nullptr) co_return std::nullopt;  // a trust anchor itself: no one to ask
    const auto outcome = co_await checker.check(leaf, issuer);
    auto verdict = security::ocsp_verdict(outcome, policy, "client certificate");
    if (verdict) co_return std::nullopt;
    const bool revoked = outcome && outcome->status == security::CertStatus::kRevoked;
    log::warn("tls.client_certificate_refused", {{"reason", verdict.error()}});
    co_return Problem::make(revoked ? ProblemKind::kUnauthenticated : ProblemKind::kUnavailable,
                            std::move(verdict).error());
  });
}

}  // namespace

Result<ListenerTls, config::ConfigErrors> listener_tls(const config::TlsListenerConfig& tls,
                                                       std::string_view key,
                                                       const std::filesystem::path& config_file,
                                                       http::HttpClient& client) {
  auto context = listener_tls_context(tls, key, config_file);
  auto check = client_ocsp_check(tls, key, config_file, client);
  if (context && check) return ListenerTls{std::move(context).value(), std::move(check).value()};
  config::ConfigErrors errors;
  if (!context) errors = std::move(context).error();
  if (!check) errors.insert(errors.end(), check.error().begin(), check.error().end());
  return errors;
}

}  // namespace lienthong::app
