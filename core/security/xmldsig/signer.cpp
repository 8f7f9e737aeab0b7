#include "core/security/xmldsig/signer.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>

#include "core/base/base64.hpp"
#include "core/security/certificates/certificate_cache.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/xml/xml_nodes.hpp"

namespace lienthong::security::detail {
namespace {

struct BnDeleter {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;

// How X509Data may name the signer without carrying it.
struct Hints {
  std::vector<std::pair<std::string, std::string>> issuer_serials;  // issuer DN, decimal serial
  std::vector<std::string> skis;                                    // raw key identifiers
  std::vector<std::string> subjects;                                // subject DNs
  [[nodiscard]] bool empty() const {
    return issuer_serials.empty() && skis.empty() && subjects.empty();
  }
};

// Distinguished names are compared as RFC 2253 strings without blanks around separators and
// without case: good enough for names that came from the same certificate.
std::string normalise_dn(std::string_view dn) {
  std::string out;
  for (std::size_t i = 0; i < dn.size(); ++i) {
    const char c = dn[i];
    if (c == ' ' &&
        (out.empty() || out.back() == ',' || out.back() == '=' ||
         (i + 1 < dn.size() && (dn[i + 1] == ',' || dn[i + 1] == '=' || dn[i + 1] == ' ')))) {
      continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string issuer_of(const X509* cert) {
  X509_NAME* name = X509_get_issuer_name(cert);
  BIO* bio = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return out;
}

bool serial_equals(const X509* cert, const std::string& decimal) {
  BIGNUM* given = nullptr;
  if (BN_dec2bn(&given, decimal.c_str()) == 0) return false;
  BnPtr a(given);
  BnPtr b(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  return b && BN_cmp(a.get(), b.get()) == 0;
}

bool matches(X509* cert, const Hints& hints) {
  for (const auto& [issuer, serial] : hints.issuer_serials) {
    if (serial_equals(cert, serial) && normalise_dn(issuer_of(cert)) == normalise_dn(issuer)) {
      return true;
    }
  }
  if (const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(cert)) {
    const std::string_view own(reinterpret_cast<const char*>(ASN1_STRING_get0_data(ski)),
                               static_cast<std::size_t>(ASN1_STRING_length(ski)));
    if (std::find(hints.skis.begin(), hints.skis.end(), own) != hints.skis.end()) return true;
  }
  const std::string subject = normalise_dn(subject_of(cert));
  return std::any_of(hints.subjects.begin(), hints.subjects.end(),
                     [&](const std::string& s) { return normalise_dn(s) == subject; });
}

// True when `maybe_issuer` issued `cert` (and is not the same certificate).
bool issued(X509* maybe_issuer, X509* cert) {
  if (maybe_issuer == cert || X509_cmp(maybe_issuer, cert) == 0) return false;
  return X509_check_issued(maybe_issuer, cert) == X509_V_OK;
}

// The one DER certificate, base64 in an X509Certificate element; null when it is not that.
X509Ptr certificate_in(xmlNode* item) {
  auto der = decode_base64(text_of(item));
  if (!der) return nullptr;
  return certificate_from_der(*der);
}

X509CrlPtr crl_in(xmlNode* item) {
  auto der = decode_base64(text_of(item));
  if (!der) return nullptr;
  auto crls = parse_crls(*der);
  if (!crls || crls->size() != 1) return nullptr;
  return std::move(crls->front());
}

std::string child_text(xmlNode* parent, std::string_view local) {
  for (xmlNode* c : child_elements(parent)) {
    if (is_element(c, kDsigNs, local)) return text_of(c);
  }
  return {};
}

}  // namespace

Result<Signer, std::string> find_signer(xmlNode* key_info, const Certificates& extra) {
  Certificates carried;
  Crls crls;
  Hints hints;
  for (xmlNode* data : child_elements(key_info)) {
    if (!is_element(data, kDsigNs, "X509Data")) continue;
    for (xmlNode* item : child_elements(data)) {
      if (is_element(item, kDsigNs, "X509Certificate")) {
        X509Ptr cert = certificate_in(item);
        if (!cert) return std::string("signer certificate malformed");
        carried.push_back(std::move(cert));
      } else if (is_element(item, kDsigNs, "X509CRL")) {
        X509CrlPtr crl = crl_in(item);
        if (!crl) return std::string("signer CRL malformed");
        crls.push_back(std::move(crl));
      } else if (is_element(item, kDsigNs, "X509IssuerSerial")) {
        hints.issuer_serials.emplace_back(child_text(item, "X509IssuerName"),
                                          child_text(item, "X509SerialNumber"));
      } else if (is_element(item, kDsigNs, "X509SKI")) {
        if (auto ski = decode_base64(text_of(item))) hints.skis.push_back(std::move(*ski));
      } else if (is_element(item, kDsigNs, "X509SubjectName")) {
        hints.subjects.push_back(text_of(item));
      }
    }
  }

  // The candidates: what the message names if it names anything, else what it carries.
  std::vector<X509*> pool = raw(carried);
  for (const auto& c : extra) pool.push_back(c.get());
  std::vector<X509*> candidates;
  if (hints.empty()) {
    candidates = raw(carried);
  } else {
    for (X509* c : pool) {
      if (matches(c, hints)) candidates.push_back(c);
    }
  }
  if (candidates.empty()) return std::string("signer certificate missing");
  std::vector<X509*> leaves;
  for (X509* c : candidates) {
    const bool issues_another = std::any_of(candidates.begin(), candidates.end(),
                                            [&](X509* other) { return issued(c, other); });
    if (!issues_another) leaves.push_back(c);
  }
  ERR_clear_error();
  if (leaves.size() != 1) return std::string("signer certificate ambiguous");

  Signer out;
  out.certificate = share(leaves.front());
  for (X509* c : pool) {
    if (c != leaves.front()) out.others.push_back(share(c));
  }
  out.crls = std::move(crls);
  return out;
}

Result<void, std::string> check_signer_trust(const Signer& signer, const TrustStore& trust,
                                             std::optional<std::time_t> at) {
  const auto others = raw(signer.others);
  std::vector<X509_CRL*> crls;
  for (const auto& c : signer.crls) crls.push_back(c.get());
  if (auto r = trust.verify(signer.certificate.get(), others, at, crls); !r) {
    return "signer " + r.error();
  }
  const std::uint32_t usage = X509_get_key_usage(signer.certificate.get());
  if (usage != UINT32_MAX && (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0) {
    return std::string(
        "signer certificate not allowed to sign: key usage has neither digitalSignature nor "
        "nonRepudiation");
  }
  return {};
}

Result<void, std::string> check_signer_key(const Signer& signer, const AlgorithmPolicy& policy) {
  EVP_PKEY* key = X509_get0_pubkey(signer.certificate.get());
  if (key == nullptr) return std::string("signer certificate malformed");
  const int type = EVP_PKEY_get_base_id(key);
  const int bits = EVP_PKEY_get_bits(key);
  if ((type == EVP_PKEY_RSA || type == EVP_PKEY_DSA) && bits < policy.min_rsa_bits) {
    return "signer key too small: " + std::to_string(bits) + " bits (policy minimum " +
           std::to_string(policy.min_rsa_bits) + ")";
  }
  return {};
}

}  // namespace lienthong::security::detail
