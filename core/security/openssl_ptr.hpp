#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <vector>

namespace lienthong::security {

/// Frees OpenSSL objects held by the owning pointers below.
struct OpenSslDeleter {
  void operator()(X509* p) const { X509_free(p); }
  void operator()(X509_CRL* p) const { X509_CRL_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter>;
using X509CrlPtr = std::unique_ptr<X509_CRL, OpenSslDeleter>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter>;

using Certificates = std::vector<X509Ptr>;
using Crls = std::vector<X509CrlPtr>;

/// A second owning reference to `cert` (OpenSSL reference count), or null for null.
inline X509Ptr share(X509* cert) {
  if (cert != nullptr) X509_up_ref(cert);
  return X509Ptr(cert);
}

/// Borrowed pointers to the certificates of `certs`, for APIs that take a span.
inline std::vector<X509*> raw(const Certificates& certs) {
  std::vector<X509*> out;
  out.reserve(certs.size());
  for (const auto& c : certs) out.push_back(c.get());
  return out;
}

}  // namespace lienthong::security
