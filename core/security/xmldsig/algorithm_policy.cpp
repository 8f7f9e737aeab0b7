#include "core/security/xmldsig/algorithm_policy.hpp"

#include <algorithm>

namespace lienthong::security {
namespace {

struct Entry {
  AlgorithmRole role;
  std::string_view uri;
  bool (*allowed)(const AlgorithmPolicy&);
};

bool always(const AlgorithmPolicy&) {
  return true;
}
bool sha1(const AlgorithmPolicy& p) {
  return p.allow_sha1;
}
bool dsa_sha1(const AlgorithmPolicy& p) {
  return p.allow_dsa && p.allow_sha1;
}
bool dsa(const AlgorithmPolicy& p) {
  return p.allow_dsa;
}
bool ecdsa_sha1(const AlgorithmPolicy& p) {
  return p.allow_ecdsa && p.allow_sha1;
}
bool ecdsa(const AlgorithmPolicy& p) {
  return p.allow_ecdsa;
}
bool inclusive(const AlgorithmPolicy& p) {
  return p.allow_inclusive_c14n;
}
bool enveloped(const AlgorithmPolicy& p) {
  return p.allow_enveloped_transform;
}
bool xpath(const AlgorithmPolicy& p) {
  return p.allow_xpath_transform;
}

using R = AlgorithmRole;
constexpr std::string_view kExcC14nComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
constexpr std::string_view kC14n10Comments =
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
constexpr std::string_view kC14n11 = "http://www.w3.org/2006/12/xml-c14n11";
constexpr std::string_view kC14n11Comments = "http://www.w3.org/2006/12/xml-c14n11#WithComments";

// Comments are left out of exclusive C14N on purpose: what a person reads should not depend on
// whether comments count.
const Entry kTable[] = {
    {R::kCanonicalization, algorithm::kExcC14n, always},
    {R::kCanonicalization, algorithm::kC14n10, inclusive},
    {R::kCanonicalization, kC14n10Comments, inclusive},
    {R::kCanonicalization, kC14n11, inclusive},
    {R::kCanonicalization, kC14n11Comments, inclusive},
    {R::kTransform, algorithm::kExcC14n, always},
    {R::kTransform, kExcC14nComments, inclusive},
    {R::kTransform, algorithm::kC14n10, inclusive},
    {R::kTransform, kC14n10Comments, inclusive},
    {R::kTransform, kC14n11, inclusive},
    {R::kTransform, kC14n11Comments, inclusive},
    {R::kTransform, algorithm::kEnveloped, enveloped},
    {R::kTransform, "http://www.w3.org/TR/1999/REC-xpath-19991116", xpath},
    {R::kDigest, algorithm::kSha256, always},
    {R::kDigest, "http://www.w3.org/2001/04/xmldsig-more#sha384", always},
    {R::kDigest, "http://www.w3.org/2001/04/xmlenc#sha512", always},
    {R::kDigest, algorithm::kSha1, sha1},
    {R::kSignature, algorithm::kRsaSha256, always},
    {R::kSignature, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", always},
    {R::kSignature, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", always},
    {R::kSignature, algorithm::kRsaSha1, sha1},
    {R::kSignature, "http://www.w3.org/2000/09/xmldsig#dsa-sha1", dsa_sha1},
    {R::kSignature, "http://www.w3.org/2009/xmldsig11#dsa-sha256", dsa},
    {R::kSignature, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1", ecdsa_sha1},
    {R::kSignature, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", ecdsa},
    {R::kSignature, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", ecdsa},
    {R::kSignature, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", ecdsa},
};

}  // namespace

AlgorithmPolicy AlgorithmPolicy::legacy_interop() {
  AlgorithmPolicy p;
  p.allow_sha1 = true;
  p.allow_dsa = true;
  p.allow_ecdsa = true;
  p.allow_inclusive_c14n = true;
  p.allow_enveloped_transform = true;
  p.allow_xpath_transform = true;
  p.min_rsa_bits = 512;  // the xmlsec suite signs with 512-bit test keys
  return p;
}

Result<void, std::string> AlgorithmPolicy::check(AlgorithmRole role, std::string_view uri) const {
  const bool ok = std::any_of(std::begin(kTable), std::end(kTable), [&](const Entry& e) {
    return e.role == role && e.uri == uri && e.allowed(*this);
  });
  if (ok) return {};
  return "algorithm not allowed by policy: " + std::string(uri);
}

std::vector<std::string> AlgorithmPolicy::allowed(AlgorithmRole role) const {
  std::vector<std::string> out;
  for (const auto& e : kTable) {
    if (e.role == role && e.allowed(*this)) out.emplace_back(e.uri);
  }
  return out;
}

}  // namespace lienthong::security
