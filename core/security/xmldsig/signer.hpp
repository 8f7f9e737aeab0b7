#pragma once

#include <libxml/tree.h>

#include <ctime>
#include <optional>
#include <string>

#include "core/base/problem.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/openssl_ptr.hpp"
#include "core/security/xmldsig/algorithm_policy.hpp"

namespace lienthong::security::detail {

/// The signer certificate a ds:KeyInfo names, with everything else the message carried.
struct Signer {
  X509Ptr certificate;
  Certificates others;  ///< other certificates from the message and the caller (untrusted)
  Crls crls;            ///< X509CRL elements of the message
};

/// Finds the signer: the one leaf among the X509Certificate elements of KeyInfo/X509Data, or —
/// when X509Data names it by X509IssuerSerial, X509SKI or X509SubjectName — the leaf among
/// the matching certificates of the message and `extra`. Errors: "signer certificate missing",
/// "signer certificate ambiguous", "signer certificate malformed".
Result<Signer, std::string> find_signer(xmlNode* key_info, const Certificates& extra);

/// Chain, validity and revocation at `at` (TrustStore), then key usage. Errors read
/// "signer certificate <TrustStore phrase>" or "signer certificate not allowed to sign: ...".
Result<void, std::string> check_signer_trust(const Signer& signer, const TrustStore& trust,
                                             std::optional<std::time_t> at);

/// RSA/DSA key size against the policy: "signer key too small: N bits (policy minimum M)".
Result<void, std::string> check_signer_key(const Signer& signer, const AlgorithmPolicy& policy);

}  // namespace lienthong::security::detail
