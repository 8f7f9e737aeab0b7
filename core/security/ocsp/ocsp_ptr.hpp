#pragma once

#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <memory>

namespace lienthong::security {

/// Frees the OpenSSL OCSP objects held by the owning pointers below (openssl_ptr.hpp holds the
/// certificate and key ones).
struct OcspDeleter {
  void operator()(OCSP_REQUEST* p) const { OCSP_REQUEST_free(p); }
  void operator()(OCSP_RESPONSE* p) const { OCSP_RESPONSE_free(p); }
  void operator()(OCSP_BASICRESP* p) const { OCSP_BASICRESP_free(p); }
  void operator()(OCSP_CERTID* p) const { OCSP_CERTID_free(p); }
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
  void operator()(STACK_OF(X509) * p) const { sk_X509_free(p); }  // the certificates stay
  void operator()(ASN1_TIME* p) const { ASN1_TIME_free(p); }
};

using OcspRequestPtr = std::unique_ptr<OCSP_REQUEST, OcspDeleter>;
using OcspResponsePtr = std::unique_ptr<OCSP_RESPONSE, OcspDeleter>;
using OcspBasicResponsePtr = std::unique_ptr<OCSP_BASICRESP, OcspDeleter>;
using OcspCertIdPtr = std::unique_ptr<OCSP_CERTID, OcspDeleter>;
using X509StorePtr = std::unique_ptr<X509_STORE, OcspDeleter>;
/// A stack that borrows its certificates (sk_X509_free, not sk_X509_pop_free).
using X509StackPtr = std::unique_ptr<STACK_OF(X509), OcspDeleter>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, OcspDeleter>;

}  // namespace lienthong::security
