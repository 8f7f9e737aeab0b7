#include "core/admin/certificate_report.hpp"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/x509.h>

#include "core/base/time_text.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/certificates/signing_identity.hpp"

namespace lienthong::admin {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

void add_list(std::vector<CertificateSource>& out, const std::string& connector,
              const std::string& key, const std::vector<fs::path>& files) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    out.push_back({connector, key + "." + std::to_string(i), files[i]});
  }
}

void add(std::vector<CertificateSource>& out, const std::string& connector, const std::string& key,
         const fs::path& file) {
  if (!file.empty()) out.push_back({connector, key, file});
}

void add_pkcs12(std::vector<CertificateSource>& out, const std::string& connector,
                const std::string& key, const fs::path& file, const std::string& password) {
  if (!file.empty()) out.push_back({connector, key, file, true, password});
}

std::optional<std::time_t> to_time(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return ::timegm(&tm);
}

std::string serial_of(const X509* cert) {
  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert);
  BIGNUM* bn = ASN1_INTEGER_to_BN(serial, nullptr);
  if (bn == nullptr) return {};
  char* hex = BN_bn2hex(bn);
  std::string out = hex == nullptr ? "" : hex;
  OPENSSL_free(hex);
  BN_free(bn);
  return out;
}

Json where(const CertificateSource& s) {
  Json j = {{"key", s.key}, {"file", s.file.string()}};
  if (!s.connector.empty()) j["connector"] = s.connector;
  return j;
}

Json describe(const CertificateSource& s, std::size_t index, const X509* cert, std::time_t now,
              int warning_days) {
  Json j = where(s);
  j["index"] = index;  // its place in the file: 0 the leaf of a chain file
  j["subject"] = security::subject_of(cert);
  j["issuer"] = security::issuer_of(cert);
  j["serial"] = serial_of(cert);
  j["sha256"] = security::sha256_fingerprint(cert);
  const auto not_before = to_time(X509_get0_notBefore(cert));
  const auto not_after = to_time(X509_get0_notAfter(cert));
  if (!not_before || !not_after) {
    j["status"] = "unreadable_dates";
    return j;
  }
  j["not_before"] = rfc3339_millis(std::int64_t{*not_before} * 1000);
  j["not_after"] = rfc3339_millis(std::int64_t{*not_after} * 1000);
  const auto left = *not_after - now;
  // Whole days, rounded down, so "0" means it ends within the day.
  const auto days = static_cast<std::int64_t>(left >= 0 ? left / 86400 : (left - 86399) / 86400);
  j["days_left"] = days;
  j["status"] = now < *not_before     ? "not_yet_valid"
                : left < 0            ? "expired"
                : days < warning_days ? "expiring"
                                      : "valid";
  return j;
}

}  // namespace

std::vector<CertificateSource> certificate_sources(const config::HubConfig& config) {
  std::vector<CertificateSource> out;
  for (const auto& [tls, key] : {std::pair{&config.listen_tls, std::string("listen_tls")},
                                 std::pair{&config.admin.tls, std::string("admin.tls")}}) {
    if (!tls->enabled) continue;
    add(out, "", key + ".certificate", tls->certificate);
    if (tls->client_certificates != "none") add(out, "", key + ".client_ca", tls->client_ca);
  }
  for (const auto& c : config.connectors) {
    if (const auto& tls = c.tls) {
      add(out, c.id, "tls.ca", tls->ca);
      add(out, c.id, "tls.client_certificate", tls->client_certificate);
      add_pkcs12(out, c.id, "tls.pkcs12", tls->pkcs12, tls->pkcs12_password);
    }
    if (const auto& m = c.message_security) {
      add(out, c.id, "message_security.signing_certificate", m->signing_certificate);
      add_pkcs12(out, c.id, "message_security.signing_pkcs12", m->signing_pkcs12,
                 m->signing_pkcs12_password);
      add_list(out, c.id, "message_security.trust_anchors", m->trust_anchors);
      add_list(out, c.id, "message_security.intermediates", m->intermediates);
    }
    if (const auto& s = c.signing) {
      add_list(out, c.id, "signing.trust_anchors", s->trust_anchors);
      add_list(out, c.id, "signing.intermediates", s->intermediates);
    }
  }
  const auto& tsa = config.time_stamp_authority;
  if (!tsa.url.empty()) {
    add_list(out, "", "time_stamp_authority.trust_anchors", tsa.trust_anchors);
    add_list(out, "", "time_stamp_authority.intermediates", tsa.intermediates);
  }
  return out;
}

Json certificate_report(const std::vector<CertificateSource>& sources, std::time_t now,
                        int warning_days) {
  Json report = {{"certificates", Json::array()}, {"errors", Json::array()}};
  auto failed = [&](const CertificateSource& s, const std::string& reason) {
    auto e = where(s);
    e["reason"] = reason;
    report["errors"].push_back(std::move(e));
  };
  for (const auto& s : sources) {
    if (s.pkcs12) {
      auto identity = security::SigningIdentity::load_pkcs12(s.file, s.pkcs12_password);
      if (!identity) {
        failed(s, identity.error().reason);
        continue;
      }
      report["certificates"].push_back(describe(s, 0, identity->certificate(), now, warning_days));
      for (std::size_t i = 0; i < identity->chain().size(); ++i) {
        report["certificates"].push_back(
            describe(s, i + 1, identity->chain()[i].get(), now, warning_days));
      }
      continue;
    }
    auto certs = security::load_certificates(s.file);
    if (!certs) {
      failed(s, certs.error().reason);
      continue;
    }
    for (std::size_t i = 0; i < certs->size(); ++i) {
      report["certificates"].push_back(describe(s, i, (*certs)[i].get(), now, warning_days));
    }
  }
  return report;
}

}  // namespace lienthong::admin
