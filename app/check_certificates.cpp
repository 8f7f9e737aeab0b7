#include "app/check_certificates.hpp"

#include <string>
#include <vector>

#include "core/config/json_document.hpp"
#include "core/security/certificates/certificate_checks.hpp"
#include "core/security/certificates/certificates.hpp"

namespace lienthong::app {
namespace {

namespace fs = std::filesystem;
using security::IdentityPart;

/// Locates findings in one config file: its document is read again (check-config only) for
/// the lines of the keys.
class Locator {
 public:
  Locator(const fs::path& file, config::ConfigErrors& errors) : file_(file), errors_(errors) {
    if (auto doc = config::JsonDocument::load(file)) doc_.emplace(std::move(doc).value());
  }
  void add(const std::string& pointer, const std::string& reason) {
    errors_.push_back(
        doc_ ? doc_->error_at(pointer, reason)
             : config::ConfigError{file_.string(), 0, config::dotted(pointer), reason});
  }

 private:
  fs::path file_;
  config::ConfigErrors& errors_;
  std::optional<config::JsonDocument> doc_;
};

/// The pointers of an identity's three keys within its config object.
struct Keys {
  std::string certificate;
  std::string key;
  std::string pkcs12;
};

void check_identity(Locator& at, const security::IdentityFiles& files, const Keys& keys,
                    const security::Certificates& anchors) {
  for (const auto& f : security::check_identity(files, anchors)) {
    at.add(f.part == IdentityPart::kKey      ? keys.key
           : f.part == IdentityPart::kPkcs12 ? keys.pkcs12
                                             : keys.certificate,
           f.reason);
  }
}

void check_file(Locator& at, const std::string& pointer, const fs::path& file) {
  for (const auto& reason : security::check_certificate_file(file)) at.add(pointer, reason);
}

// Every anchor configured anywhere: the hub's own certificates must chain to one of them.
security::Certificates configured_anchors(const config::HubConfig& config) {
  std::vector<fs::path> files;
  for (const auto* tls : {&config.listen_tls, &config.admin.tls}) {
    if (tls->enabled && !tls->client_ca.empty()) files.push_back(tls->client_ca);
  }
  for (const auto& c : config.connectors) {
    if (c.tls && !c.tls->ca.empty()) files.push_back(c.tls->ca);
    if (c.message_security) {
      files.insert(files.end(), c.message_security->trust_anchors.begin(),
                   c.message_security->trust_anchors.end());
    }
  }
  security::Certificates anchors;
  for (const auto& f : files) {
    if (auto certs = security::load_certificates(f)) {
      for (auto& c : *certs) anchors.push_back(std::move(c));
    }  // an unreadable anchor file is reported by check_file()
  }
  return anchors;
}

}  // namespace

config::ConfigErrors check_certificates(const config::HubConfig& config) {
  config::ConfigErrors errors;
  const auto anchors = configured_anchors(config);
  for (const auto& [tls, at_key] : {std::pair{&config.listen_tls, std::string("/listen_tls")},
                                    std::pair{&config.admin.tls, std::string("/admin/tls")}}) {
    if (!tls->enabled) continue;
    Locator at(config.file, errors);
    check_identity(at, {tls->certificate, tls->private_key},
                   {at_key + "/certificate", at_key + "/private_key", ""}, anchors);
    if (tls->client_certificates != "none") check_file(at, at_key + "/client_ca", tls->client_ca);
  }
  for (const auto& c : config.connectors) {
    if (!c.tls && !c.message_security) continue;
    Locator at(c.file, errors);
    if (const auto& tls = c.tls) {
      if (!tls->client_certificate.empty() || !tls->pkcs12.empty()) {
        check_identity(
            at, {tls->client_certificate, tls->client_key, tls->pkcs12, tls->pkcs12_password},
            {"/tls/client_certificate", "/tls/client_key", "/tls/pkcs12"}, anchors);
      }
      if (!tls->ca.empty()) check_file(at, "/tls/ca", tls->ca);
    }
    if (const auto& m = c.message_security) {
      check_identity(
          at,
          {m->signing_certificate, m->signing_key, m->signing_pkcs12, m->signing_pkcs12_password},
          {"/message_security/signing_certificate", "/message_security/signing_key",
           "/message_security/signing_pkcs12"},
          anchors);
      for (std::size_t i = 0; i < m->trust_anchors.size(); ++i) {
        check_file(at, "/message_security/trust_anchors/" + std::to_string(i), m->trust_anchors[i]);
      }
      for (std::size_t i = 0; i < m->intermediates.size(); ++i) {
        check_file(at, "/message_security/intermediates/" + std::to_string(i), m->intermediates[i]);
      }
    }
  }
  return errors;
}

}  // namespace lienthong::app
