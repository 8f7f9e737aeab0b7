#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/security/xmldsig/algorithm_policy.hpp"

namespace lienthong::security::detail {

struct ReferenceParts {
  xmlNode* node = nullptr;
  std::optional<std::string> uri;       ///< nullopt when the URI attribute is absent
  std::vector<std::string> transforms;  ///< Transform/@Algorithm, in order
  std::string digest_method;
};

/// What a ds:Signature says it did, read before anything is computed.
struct SignatureParts {
  xmlNode* signature = nullptr;
  xmlNode* signed_info = nullptr;
  xmlNode* key_info = nullptr;  ///< null when absent
  std::string c14n_method;
  std::string signature_method;
  std::vector<ReferenceParts> references;
};

/// Reads the shape of a ds:Signature (SignedInfo, CanonicalizationMethod, SignatureMethod,
/// References with DigestMethod and DigestValue, SignatureValue). Errors read
/// "signature malformed: <what>".
Result<SignatureParts, std::string> read_signature(xmlNode* signature);

/// Checks every algorithm URI against the policy: signature method, digest methods, then
/// canonicalization and transforms. The first refusal names its URI.
Result<void, std::string> check_algorithms(const SignatureParts& parts,
                                           const AlgorithmPolicy& policy);

}  // namespace lienthong::security::detail
