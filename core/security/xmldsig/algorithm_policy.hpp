#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::security {

/// Where an algorithm URI appears in a ds:Signature.
enum class AlgorithmRole {
  kCanonicalization,  ///< SignedInfo/CanonicalizationMethod
  kSignature,         ///< SignedInfo/SignatureMethod
  kDigest,            ///< Reference/DigestMethod
  kTransform,         ///< Reference/Transforms/Transform
};

/// Which XML-DSig algorithms a verifier accepts. The defaults are profile `dancu-dsig-1`:
/// exclusive C14N, SHA-256/384/512, RSA-SHA256/384/512 with keys of at least 2048 bits, no
/// SHA-1, no DSA, no ECDSA, no XPath or XSLT, no enveloped-signature transform. Anything not
/// listed here (MD5, HMAC, RIPEMD, XSLT, XPath 2 filters, ...) is never accepted.
struct AlgorithmPolicy {
  bool allow_sha1 = false;                 ///< SHA-1 digests and *-sha1 signatures
  bool allow_dsa = false;                  ///< DSA signatures
  bool allow_ecdsa = false;                ///< ECDSA signatures
  bool allow_inclusive_c14n = false;       ///< C14N 1.0 / 1.1 (with or without comments)
  bool allow_enveloped_transform = false;  ///< enveloped-signature transform
  bool allow_xpath_transform = false;      ///< XPath 1.0 filter transform
  int min_rsa_bits = 2048;                 ///< smallest RSA (and DSA) key accepted

  /// The policy of signing profile `dancu-dsig-1` (the defaults above).
  static AlgorithmPolicy dancu_dsig_1() { return {}; }
  /// Everything the interop vectors of the xmlsec test suite use (SHA-1, DSA, inclusive C14N,
  /// XPath, enveloped, 512-bit keys). For tests against third-party signatures, never for
  /// production traffic.
  static AlgorithmPolicy legacy_interop();

  /// Success, or "algorithm not allowed by policy: <uri>".
  [[nodiscard]] Result<void, std::string> check(AlgorithmRole role, std::string_view uri) const;

  /// Every URI this policy accepts in `role` (used to restrict xmlsec itself as well).
  [[nodiscard]] std::vector<std::string> allowed(AlgorithmRole role) const;
};

/// Algorithm URIs used by the hub.
namespace algorithm {
inline constexpr std::string_view kExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
inline constexpr std::string_view kC14n10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
inline constexpr std::string_view kSha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
inline constexpr std::string_view kSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
inline constexpr std::string_view kRsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
inline constexpr std::string_view kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
inline constexpr std::string_view kEnveloped =
    "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
}  // namespace algorithm

}  // namespace lienthong::security
