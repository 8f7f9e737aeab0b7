#include "sandbox/kyso/signer_keys.hpp"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <cctype>
#include <ctime>

#include "core/config/json_document.hpp"
#include "core/security/certificates/certificates.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace fs = std::filesystem;

fs::path cert_file(const fs::path& dir, const std::string& name) {
  return dir / (name + ".pem");
}

fs::path key_file(const fs::path& dir, const std::string& name) {
  return dir / (name + "-key.pem");
}

std::string serial_hex(const X509* cert) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  if (bn == nullptr) return {};
  char* text = BN_bn2hex(bn);
  std::string out = text != nullptr ? text : "";
  OPENSSL_free(text);
  BN_free(bn);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::time_t seconds_of(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return 0;
  return timegm(&tm);
}

// 8-4-4-4-12 of the first 32 hex digits of the fingerprint: stable for the same PKI.
std::string cert_id_of(const X509* cert) {
  const auto hex = security::sha256_fingerprint(cert);
  if (hex.size() < 32) return hex;
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

Result<security::X509Ptr, config::ConfigError> first_certificate(const fs::path& file) {
  auto certs = security::load_certificates(file);
  if (!certs) return std::move(certs).error();
  return std::move(certs->front());
}

bool issued_by(X509* cert, X509* issuer) {
  const bool ok = X509_check_issued(issuer, cert) == X509_V_OK &&
                  X509_verify(cert, X509_get0_pubkey(issuer)) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace

std::string_view to_string(CertStatus status) {
  switch (status) {
    case CertStatus::kValid:
      return "VALID";
    case CertStatus::kRevoked:
      return "REVOKED";
    case CertStatus::kExpired:
      return "EXPIRED";
  }
  return "VALID";
}

std::string iso_utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  if (std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) return {};
  return buffer;
}

CertStatus SignerCertificate::status_at(std::time_t now) const {
  if (index_status == IndexStatus::kRevoked) return CertStatus::kRevoked;
  if (index_status == IndexStatus::kExpired || now > not_after) return CertStatus::kExpired;
  return CertStatus::kValid;
}

std::vector<fs::path> SignerKeyring::missing_files(const SignerAccounts& accounts,
                                                   const fs::path& certs_dir) {
  std::vector<fs::path> out;
  for (const auto& a : accounts.accounts()) {
    for (const auto& file :
         {cert_file(certs_dir, a.certificate), key_file(certs_dir, a.certificate)}) {
      std::error_code ec;
      if (!fs::exists(file, ec)) out.push_back(file);
    }
  }
  return out;
}

Result<SignerKeyring, config::ConfigErrors> SignerKeyring::load(const SignerAccounts& accounts,
                                                                const fs::path& certs_dir) {
  config::ConfigErrors errors;
  auto intermediate = first_certificate(certs_dir / "intermediate-ca.pem");
  if (!intermediate) errors.push_back(intermediate.error());
  auto root = first_certificate(certs_dir / "root-ca.pem");
  if (!root) errors.push_back(root.error());
  auto index = CaIndex::load(certs_dir / "intermediate-index.txt");
  if (!index) errors.push_back(index.error());
  if (!errors.empty()) return errors;

  SignerKeyring out;
  out.ca_cert_ = security::der_base64(intermediate->get());
  out.root_cert_ = security::der_base64(root->get());
  for (const auto& a : accounts.accounts()) {
    const auto file = cert_file(certs_dir, a.certificate);
    auto refuse = [&](const std::string& reason) {
      errors.push_back(config::ConfigError{accounts.file(), a.line,
                                           config::dotted(a.pointer + "/certificate"),
                                           file.string() + ": " + reason});
    };
    auto identity = security::SigningIdentity::load_pem(key_file(certs_dir, a.certificate), file);
    if (!identity) {
      refuse(identity.error().to_string());
      continue;
    }
    X509* cert = identity->certificate();
    if (EVP_PKEY_base_id(identity->key()) != EVP_PKEY_RSA) {
      refuse("the key is not RSA (the CA signs RSA PKCS#1 v1.5)");
      continue;
    }
    if (!issued_by(cert, intermediate->get())) {
      refuse("not issued by intermediate-ca.pem");
      continue;
    }
    const auto serial = serial_hex(cert);
    const auto* entry = index->find(serial);
    if (entry == nullptr) {
      refuse("serial " + serial + " is not in intermediate-index.txt");
      continue;
    }
    SignerCertificate c{*identity,
                        serial,
                        cert_id_of(cert),
                        security::subject_of(cert),
                        security::der_base64(cert),
                        iso_utc(seconds_of(X509_get0_notBefore(cert))),
                        iso_utc(seconds_of(X509_get0_notAfter(cert))),
                        seconds_of(X509_get0_notBefore(cert)),
                        seconds_of(X509_get0_notAfter(cert)),
                        entry->status};
    out.by_user_.emplace(a.user_id, std::move(c));
  }
  if (!errors.empty()) return errors;
  return out;
}

const SignerCertificate* SignerKeyring::of(std::string_view user_id) const {
  const auto it = by_user_.find(user_id);
  return it == by_user_.end() ? nullptr : &it->second;
}

const SignerCertificate* SignerKeyring::other_than(std::string_view user_id) const {
  for (const auto& [id, cert] : by_user_) {
    if (id != user_id) return &cert;
  }
  return nullptr;
}

}  // namespace lienthong::sandbox::kyso
