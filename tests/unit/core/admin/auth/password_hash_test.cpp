#include "core/admin/auth/password_hash.hpp"

#include <gtest/gtest.h>

#include "core/base/digest.hpp"

namespace lienthong::admin::auth {
namespace {

TEST(PasswordHash, Rfc7914Section11Vector) {
  // PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1): the first 32 of its 64 bytes.
  EXPECT_EQ(hex_lower(detail::pbkdf2_sha256("passwd", "salt", 1, 32)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
}

TEST(PasswordHash, VerifiesHashesMadeByPythonHashlib) {
  // hashlib.pbkdf2_hmac('sha256', password, salt, 100000, 32), written in the hub's shape.
  const std::string ascii =
      "pbkdf2-sha256$100000$MDEyMzQ1Njc4OWFiY2RlZg==$WYEVV1ul0qBt7iGnOFpq5RmH0aOFvmOKTlUAgn9mWYM=";
  const std::string utf8 =
      "pbkdf2-sha256$100000$c2FsdHNhbHRzYWx0c2FsdA==$tWg1+xPMFUjp1L8G9GQrTVBamNGdKWxFD1ebDf1/2QM=";
  EXPECT_EQ(verify_password("correct horse", ascii).value(), true);
  EXPECT_EQ(verify_password("correct horsf", ascii).value(), false);
  EXPECT_EQ(verify_password("", ascii).value(), false);
  EXPECT_EQ(verify_password("mật khẩu", utf8).value(), true);
  EXPECT_EQ(verify_password("mat khau", utf8).value(), false);
}

TEST(PasswordHash, ANewHashVerifiesAndIsSaltedAfresh) {
  auto a = hash_password("s3cret-Ninh-Binh", kMinIterations);
  auto b = hash_password("s3cret-Ninh-Binh", kMinIterations);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(a->starts_with("pbkdf2-sha256$100000$"));
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->find("s3cret"), std::string::npos);
  EXPECT_TRUE(verify_password("s3cret-Ninh-Binh", *a).value());
  EXPECT_FALSE(verify_password("s3cret-Ninh-Binh ", *b).value());
  EXPECT_TRUE(check_password_hash(*a));
}

TEST(PasswordHash, TheDefaultIsSixHundredThousandIterations) {
  auto h = hash_password("x");
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->starts_with("pbkdf2-sha256$600000$")) << *h;
  EXPECT_TRUE(verify_password("x", *h).value());
}

TEST(PasswordHash, MalformedOrWeakHashesAreErrorsNotMatches) {
  const std::string key = "WYEVV1ul0qBt7iGnOFpq5RmH0aOFvmOKTlUAgn9mWYM=";
  for (const std::string& bad :
       {std::string("correct horse"), std::string(""), "pbkdf2-sha1$100000$MDEyMzQ1Njc4OWFi$" + key,
        "pbkdf2-sha256$1$MDEyMzQ1Njc4OWFi$" + key, "pbkdf2-sha256$99999$MDEyMzQ1Njc4OWFi$" + key,
        "pbkdf2-sha256$1e6$MDEyMzQ1Njc4OWFi$" + key,
        "pbkdf2-sha256$100000000$MDEyMzQ1Njc4OWFi$" + key,
        "pbkdf2-sha256$100000$not base64!$" + key,
        std::string("pbkdf2-sha256$100000$MDEyMzQ1Njc4OWFi$AAAA"),
        "pbkdf2-sha256$100000$MDEyMzQ1Njc4OWFi$" + key + "$extra"}) {
    auto v = verify_password("correct horse", bad);
    EXPECT_FALSE(v) << bad;
    EXPECT_FALSE(check_password_hash(bad)) << bad;
  }
  const auto weak = check_password_hash("pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFi$" + key);
  ASSERT_FALSE(weak);
  EXPECT_NE(weak.error().detail.find("too weak"), std::string::npos) << weak.error().detail;
  EXPECT_FALSE(hash_password("x", 1000));
}

}  // namespace
}  // namespace lienthong::admin::auth
