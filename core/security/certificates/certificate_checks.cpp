#include "core/security/certificates/certificate_checks.hpp"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <memory>

#include "core/security/certificates/certificates.hpp"
#include "core/security/certificates/signing_identity.hpp"
#include "core/security/ocsp/ocsp_status.hpp"

namespace lienthong::security {
namespace {

constexpr std::time_t kDay = std::time_t{24} * 60 * 60;

std::time_t now_of(const CertificateCheckOptions& options) {
  return options.now != 0 ? options.now : std::time(nullptr);
}

std::optional<std::time_t> to_time(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return ::timegm(&tm);
}

std::string named(const X509* cert) {
  return "certificate " + subject_of(cert);
}

struct StackDeleter {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }  // borrowed certificates
};

// A loading error with the file it is about (the config key alone does not say which file).
std::string located(const config::ConfigError& e) {
  return e.file.empty() ? e.reason : e.file + ": " + e.reason;
}

std::optional<std::string> missing(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  return "missing file " + file.string();
}

}  // namespace

std::optional<std::string> validity_problem(const X509* cert,
                                            const CertificateCheckOptions& options) {
  const std::time_t now = now_of(options);
  const auto not_before = to_time(X509_get0_notBefore(cert));
  const auto not_after = to_time(X509_get0_notAfter(cert));
  if (!not_before || !not_after) return named(cert) + " has unreadable validity dates";
  if (*not_after < now) return named(cert) + " expired on " + format_utc(*not_after);
  if (*not_before > now) return named(cert) + " is not valid before " + format_utc(*not_before);
  if (*not_after - now < options.expiry_warning_days * kDay) {
    return named(cert) + " expires in " + std::to_string((*not_after - now) / kDay) + " days (" +
           format_utc(*not_after) + ")";
  }
  return std::nullopt;
}

std::optional<std::string> chain_problem(X509* leaf, std::span<X509* const> untrusted,
                                         const Certificates& anchors,
                                         const CertificateCheckOptions& options) {
  const std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(),
                                                                      &X509_STORE_free);
  const std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                            &X509_STORE_CTX_free);
  const std::unique_ptr<STACK_OF(X509), StackDeleter> chain(sk_X509_new_null());
  if (!store || !ctx || !chain) return std::string("out of memory while checking the chain");
  for (const auto& a : anchors) X509_STORE_add_cert(store.get(), a.get());
  if (options.system_anchors) X509_STORE_set_default_paths(store.get());
  X509_STORE_set_flags(store.get(), X509_V_FLAG_NO_CHECK_TIME);
  for (X509* c : untrusted) sk_X509_push(chain.get(), c);
  std::optional<std::string> problem;
  if (X509_STORE_CTX_init(ctx.get(), store.get(), leaf, chain.get()) != 1 ||
      X509_verify_cert(ctx.get()) != 1) {
    problem = named(leaf) + " does not chain to a configured trust anchor: " +
              X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  }
  ERR_clear_error();
  return problem;
}

std::vector<CertificateFinding> check_identity(const IdentityFiles& files,
                                               const Certificates& anchors,
                                               const CertificateCheckOptions& options) {
  std::vector<CertificateFinding> out;
  X509Ptr leaf;
  Certificates chain;
  if (!files.pkcs12.empty()) {
    if (auto m = missing(files.pkcs12)) return {{IdentityPart::kPkcs12, *m}};
    auto identity = SigningIdentity::load_pkcs12(files.pkcs12, files.pkcs12_password);
    if (!identity) return {{IdentityPart::kPkcs12, located(identity.error())}};
    leaf = share(identity->certificate());
    for (const auto& c : identity->chain()) chain.push_back(share(c.get()));
  } else {
    if (auto m = missing(files.certificate)) return {{IdentityPart::kCertificate, *m}};
    auto certs = load_certificates(files.certificate);
    if (!certs) return {{IdentityPart::kCertificate, located(certs.error())}};
    if (auto m = missing(files.private_key); m && !files.private_key.empty()) {
      out.push_back({IdentityPart::kKey, *m});
    } else if (!files.private_key.empty()) {
      auto identity = SigningIdentity::load_pem(files.private_key, files.certificate);
      if (!identity) {
        // The certificate file read fine above, so a failure is the key's: unreadable or not
        // the key of any certificate in the file.
        out.push_back({IdentityPart::kKey, identity.error().file == files.private_key.string()
                                               ? located(identity.error())
                                               : "does not match the certificate " +
                                                     files.certificate.filename().string()});
      } else {
        leaf = share(identity->certificate());
        for (const auto& c : identity->chain()) chain.push_back(share(c.get()));
      }
    }
    if (!leaf) {
      leaf = std::move(certs->front());
      for (std::size_t i = 1; i < certs->size(); ++i) chain.push_back(std::move((*certs)[i]));
    }
  }
  if (auto problem = validity_problem(leaf.get(), options)) {
    out.push_back(
        {files.pkcs12.empty() ? IdentityPart::kCertificate : IdentityPart::kPkcs12, *problem});
  }
  const auto untrusted = raw(chain);
  if (auto problem = chain_problem(leaf.get(), untrusted, anchors, options)) {
    out.push_back(
        {files.pkcs12.empty() ? IdentityPart::kCertificate : IdentityPart::kPkcs12, *problem});
  }
  return out;
}

std::vector<std::string> check_certificate_file(const std::filesystem::path& file,
                                                const CertificateCheckOptions& options) {
  if (auto m = missing(file)) return {*m};
  auto certs = load_certificates(file);
  if (!certs) return {located(certs.error())};
  std::vector<std::string> out;
  for (const auto& c : *certs) {
    if (auto problem = validity_problem(c.get(), options)) out.push_back(*problem);
  }
  return out;
}

}  // namespace lienthong::security
