#pragma once

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <xmlsec/xmldsig.h>

#include <memory>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/security/xmldsig/algorithm_policy.hpp"

namespace lienthong::security::detail {

struct DsigCtxDeleter {
  void operator()(xmlSecDSigCtx* c) const { xmlSecDSigCtxDestroy(c); }
};
using DsigCtxPtr = std::unique_ptr<xmlSecDSigCtx, DsigCtxDeleter>;

/// A fresh xmlsec DSig context (one per call: contexts are not shared between threads) that
/// signs or verifies with `key` only — KeyInfo is never used to find a key — and resolves
/// nothing but the URI types given (never files or the network).
Result<DsigCtxPtr, std::string> make_dsig_context(EVP_PKEY* key, unsigned int uri_types);

enum class CryptoFailureKind {
  kDigest,          ///< a Reference's digest does not match
  kSignatureValue,  ///< SignatureValue does not verify over SignedInfo
  kProcessing,      ///< xmlsec could not carry the verification through
};

struct CryptoFailure {
  CryptoFailureKind kind = CryptoFailureKind::kProcessing;
  std::string detail;  ///< xmlsec's first error, for kProcessing
};

/// Verifies `signature` with the public key of the (already checked) signer certificate, with
/// xmlsec restricted to the algorithms `policy` allows. On success returns, per Reference in
/// order, the exact octets that were digested (the canonical form of what it covers).
Result<std::vector<std::string>, CryptoFailure> xmlsec_verify(xmlNode* signature, EVP_PKEY* key,
                                                              const AlgorithmPolicy& policy,
                                                              unsigned int uri_types);

}  // namespace lienthong::security::detail
