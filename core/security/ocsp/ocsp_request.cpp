#include "core/security/ocsp/ocsp_request.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

namespace lienthong::security {
namespace {

std::string hex(const ASN1_OCTET_STRING* s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  if (s == nullptr) return out;
  const unsigned char* p = ASN1_STRING_get0_data(s);
  for (int i = 0; i < ASN1_STRING_length(s); ++i) {
    out += kDigits[p[i] >> 4];
    out += kDigits[p[i] & 0xf];
  }
  return out;
}

std::string integer_hex(const ASN1_INTEGER* serial) {
  if (serial == nullptr) return {};
  BIGNUM* bn = ASN1_INTEGER_to_BN(serial, nullptr);
  if (bn == nullptr) return {};
  char* text = BN_bn2hex(bn);
  std::string out = text != nullptr ? text : "";
  OPENSSL_free(text);
  BN_free(bn);
  return out;
}

OcspError input_error(std::string detail, std::string serial = {}) {
  return OcspError{OcspErrorKind::kBadInput, std::move(detail), std::move(serial)};
}

}  // namespace

std::string serial_hex(const X509* cert) {
  return cert == nullptr ? std::string() : integer_hex(X509_get0_serialNumber(cert));
}

std::string ocsp_cache_key(const OCSP_CERTID* id) {
  ASN1_OCTET_STRING* name_hash = nullptr;
  ASN1_OCTET_STRING* key_hash = nullptr;
  ASN1_INTEGER* serial = nullptr;
  if (id == nullptr || OCSP_id_get0_info(&name_hash, nullptr, &key_hash, &serial,
                                         const_cast<OCSP_CERTID*>(id)) != 1) {
    return {};
  }
  return hex(key_hash) + "/" + hex(name_hash) + "/" + integer_hex(serial);
}

Result<OcspCertIdPtr, OcspError> make_ocsp_cert_id(X509* cert, X509* issuer) {
  if (cert == nullptr || issuer == nullptr) return input_error("no certificate or no issuer");
  if (X509_check_issued(issuer, cert) != X509_V_OK) {
    ERR_clear_error();
    return input_error("the issuer given did not issue the certificate", serial_hex(cert));
  }
  OcspCertIdPtr id(OCSP_cert_to_id(EVP_sha1(), cert, issuer));
  ERR_clear_error();
  if (!id) return input_error("cannot compute the OCSP CertID", serial_hex(cert));
  return id;
}

std::optional<std::string> ocsp_url_of(X509* cert) {
  if (cert == nullptr) return std::nullopt;
  STACK_OF(OPENSSL_STRING)* urls = X509_get1_ocsp(cert);
  std::optional<std::string> found;
  for (int i = 0; i < sk_OPENSSL_STRING_num(urls) && !found; ++i) {
    const std::string url = sk_OPENSSL_STRING_value(urls, i);
    if (url.starts_with("http://") || url.starts_with("https://")) found = url;
  }
  X509_email_free(urls);  // frees a STACK_OF(OPENSSL_STRING), whatever it holds
  return found;
}

Result<OcspRequest, OcspError> build_ocsp_request(X509* cert, X509* issuer,
                                                  std::string_view override_url, bool nonce) {
  auto id = make_ocsp_cert_id(cert, issuer);
  if (!id) return std::move(id).error();
  OcspRequest out;
  out.serial = serial_hex(cert);
  out.cache_key = ocsp_cache_key(id->get());
  if (!override_url.empty()) {
    out.url = std::string(override_url);
  } else if (auto url = ocsp_url_of(cert)) {
    out.url = std::move(*url);
  } else {
    return OcspError{OcspErrorKind::kNoResponder,
                     "the certificate names no OCSP responder and none is configured", out.serial};
  }

  out.request.reset(OCSP_REQUEST_new());
  OcspCertIdPtr for_request(OCSP_CERTID_dup(id->get()));
  // OCSP_request_add0_id takes the CertID only on success.
  if (!out.request || !for_request ||
      OCSP_request_add0_id(out.request.get(), for_request.get()) == nullptr) {
    ERR_clear_error();
    return input_error("cannot build the OCSP request", out.serial);
  }
  (void)for_request.release();  // the request owns it now
  // A random 16-byte nonce (RFC 8954 asks for 1..32 bytes).
  if (nonce && OCSP_request_add1_nonce(out.request.get(), nullptr, 16) != 1) {
    ERR_clear_error();
    return input_error("cannot add the OCSP nonce", out.serial);
  }
  unsigned char* der = nullptr;
  const int len = i2d_OCSP_REQUEST(out.request.get(), &der);
  if (len <= 0) {
    ERR_clear_error();
    return input_error("cannot encode the OCSP request", out.serial);
  }
  out.der.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  out.cert_id = std::move(*id);
  return out;
}

}  // namespace lienthong::security
