#pragma once

#include <openssl/bio.h>
#include <openssl/ess.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <memory>

namespace lienthong::security::signing {

/// Frees the OpenSSL RFC 3161 objects held by the owning pointers below (openssl_ptr.hpp holds
/// the certificate and key ones).
struct TimestampDeleter {
  void operator()(TS_REQ* p) const { TS_REQ_free(p); }
  void operator()(TS_RESP* p) const { TS_RESP_free(p); }
  void operator()(TS_MSG_IMPRINT* p) const { TS_MSG_IMPRINT_free(p); }
  void operator()(TS_VERIFY_CTX* p) const { TS_VERIFY_CTX_free(p); }
  void operator()(X509_ALGOR* p) const { X509_ALGOR_free(p); }
  void operator()(ASN1_INTEGER* p) const { ASN1_INTEGER_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(BIO* p) const { BIO_free_all(p); }
  void operator()(ESS_SIGNING_CERT* p) const { ESS_SIGNING_CERT_free(p); }
  void operator()(ESS_SIGNING_CERT_V2* p) const { ESS_SIGNING_CERT_V2_free(p); }
  void operator()(STACK_OF(X509) * p) const { sk_X509_free(p); }  // the certificates stay
};

using TsReqPtr = std::unique_ptr<TS_REQ, TimestampDeleter>;
using TsRespPtr = std::unique_ptr<TS_RESP, TimestampDeleter>;
using TsMsgImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, TimestampDeleter>;
using TsVerifyCtxPtr = std::unique_ptr<TS_VERIFY_CTX, TimestampDeleter>;
using X509AlgorPtr = std::unique_ptr<X509_ALGOR, TimestampDeleter>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, TimestampDeleter>;
using BignumPtr = std::unique_ptr<BIGNUM, TimestampDeleter>;
using BioChainPtr = std::unique_ptr<BIO, TimestampDeleter>;
using EssSigningCertPtr = std::unique_ptr<ESS_SIGNING_CERT, TimestampDeleter>;
using EssSigningCertV2Ptr = std::unique_ptr<ESS_SIGNING_CERT_V2, TimestampDeleter>;
/// A stack that borrows its certificates (sk_X509_free, not sk_X509_pop_free).
using BorrowedX509Stack = std::unique_ptr<STACK_OF(X509), TimestampDeleter>;

}  // namespace lienthong::security::signing
