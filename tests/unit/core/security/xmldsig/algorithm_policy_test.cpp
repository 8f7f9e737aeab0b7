#include "core/security/xmldsig/algorithm_policy.hpp"

#include <gtest/gtest.h>

namespace lienthong::security {
namespace {

constexpr std::string_view kMd5 = "http://www.w3.org/2001/04/xmldsig-more#md5";
constexpr std::string_view kHmacSha256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
constexpr std::string_view kXslt = "http://www.w3.org/TR/1999/REC-xslt-19991116";
constexpr std::string_view kXPath = "http://www.w3.org/TR/1999/REC-xpath-19991116";
constexpr std::string_view kDsaSha1 = "http://www.w3.org/2000/09/xmldsig#dsa-sha1";

TEST(AlgorithmPolicy, DancuProfileAcceptsOnlyItsAlgorithms) {
  const auto p = AlgorithmPolicy::dancu_dsig_1();
  using R = AlgorithmRole;
  EXPECT_TRUE(p.check(R::kCanonicalization, algorithm::kExcC14n));
  EXPECT_TRUE(p.check(R::kTransform, algorithm::kExcC14n));
  EXPECT_TRUE(p.check(R::kDigest, algorithm::kSha256));
  EXPECT_TRUE(p.check(R::kSignature, algorithm::kRsaSha256));
  EXPECT_TRUE(p.check(R::kDigest, "http://www.w3.org/2001/04/xmlenc#sha512"));

  EXPECT_FALSE(p.check(R::kDigest, algorithm::kSha1));
  EXPECT_FALSE(p.check(R::kSignature, algorithm::kRsaSha1));
  EXPECT_FALSE(p.check(R::kSignature, kDsaSha1));
  EXPECT_FALSE(p.check(R::kCanonicalization, algorithm::kC14n10));
  EXPECT_FALSE(p.check(R::kTransform, algorithm::kEnveloped));
  EXPECT_FALSE(p.check(R::kTransform, kXPath));
  EXPECT_FALSE(p.check(R::kDigest, algorithm::kRsaSha256)) << "a URI counts only in its role";
  auto refused = p.check(R::kSignature, algorithm::kRsaSha1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(),
            "algorithm not allowed by policy: http://www.w3.org/2000/09/xmldsig#rsa-sha1");
}

TEST(AlgorithmPolicy, LegacyInteropStillRefusesBrokenAlgorithms) {
  const auto p = AlgorithmPolicy::legacy_interop();
  using R = AlgorithmRole;
  EXPECT_TRUE(p.check(R::kDigest, algorithm::kSha1));
  EXPECT_TRUE(p.check(R::kSignature, kDsaSha1));
  EXPECT_TRUE(p.check(R::kTransform, kXPath));
  EXPECT_FALSE(p.check(R::kDigest, kMd5));
  EXPECT_FALSE(p.check(R::kSignature, kHmacSha256));
  EXPECT_FALSE(p.check(R::kTransform, kXslt));
}

TEST(AlgorithmPolicy, FlagsAreIndependent) {
  AlgorithmPolicy p;
  p.allow_dsa = true;  // DSA without SHA-1 still refuses dsa-sha1
  EXPECT_FALSE(p.check(AlgorithmRole::kSignature, kDsaSha1));
  p.allow_sha1 = true;
  EXPECT_TRUE(p.check(AlgorithmRole::kSignature, kDsaSha1));
}

TEST(AlgorithmPolicy, AllowedListsAgreeWithCheck) {
  for (const auto& p : {AlgorithmPolicy::dancu_dsig_1(), AlgorithmPolicy::legacy_interop()}) {
    for (auto role : {AlgorithmRole::kCanonicalization, AlgorithmRole::kSignature,
                      AlgorithmRole::kDigest, AlgorithmRole::kTransform}) {
      const auto uris = p.allowed(role);
      EXPECT_FALSE(uris.empty());
      for (const auto& uri : uris) EXPECT_TRUE(p.check(role, uri)) << uri;
    }
  }
  EXPECT_EQ(AlgorithmPolicy::dancu_dsig_1().allowed(AlgorithmRole::kCanonicalization),
            std::vector<std::string>{std::string(algorithm::kExcC14n)});
}

}  // namespace
}  // namespace lienthong::security
