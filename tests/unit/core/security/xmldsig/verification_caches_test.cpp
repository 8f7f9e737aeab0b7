// What the verifier remembers between messages (certificates by their bytes, chains that
// verified) must never change a verdict: only its cost.
#include <gtest/gtest.h>
#include <openssl/x509.h>

#include "core/security/certificates/certificate_cache.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security {
namespace {

using namespace testing;

std::string der_of(X509* cert) {
  unsigned char* out = nullptr;
  const int len = i2d_X509(cert, &out);
  std::string der(reinterpret_cast<const char*>(out), static_cast<std::size_t>(len));
  OPENSSL_free(out);
  return der;
}

TEST(CertificateCache, SameBytesSameCertificateOthersApart) {
  auto a = load_cert(pki_file("sandbox-dancu.pem"));
  auto b = load_cert(pki_file("hub-signing.pem"));
  const auto first = detail::certificate_from_der(der_of(a.get()));
  const auto again = detail::certificate_from_der(der_of(a.get()));
  const auto other = detail::certificate_from_der(der_of(b.get()));
  ASSERT_TRUE(first && again && other);
  EXPECT_EQ(first.get(), again.get()) << "parsed once";
  EXPECT_NE(first.get(), other.get());
  EXPECT_EQ(X509_cmp(first.get(), a.get()), 0);
  EXPECT_EQ(detail::certificate_from_der("not DER"), nullptr);
}

TEST(ChainMemo, AVerifiedChainStillAsksRevocationAndRespectsTime) {
  auto store = TrustStore::load({pki_file("root-ca.pem")}, {pki_file("intermediate-ca.pem")});
  ASSERT_TRUE(store);
  int asked = 0;
  bool revoke = false;
  store->set_revocation_check([&](X509*, X509* issuer) -> Result<void, RevocationFailure> {
    ++asked;
    EXPECT_NE(issuer, nullptr);
    if (revoke) return RevocationFailure{true, "keyCompromise"};
    return {};
  });
  auto leaf = load_cert(pki_file("sandbox-dancu.pem"));
  EXPECT_TRUE(store->verify(leaf.get()));
  EXPECT_TRUE(store->verify(leaf.get()));  // from the memo
  EXPECT_EQ(asked, 2) << "revocation is asked every time";
  revoke = true;
  auto refused = store->verify(leaf.get());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), "certificate revoked: keyCompromise");
  revoke = false;
  // Outside the remembered window the full verification speaks again.
  auto later = store->verify(leaf.get(), {}, utc(2099, 1, 1));
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error(), "certificate expired");
  auto earlier = store->verify(leaf.get(), {}, utc(2001, 1, 1));
  ASSERT_FALSE(earlier);
  EXPECT_EQ(earlier.error(), "certificate not yet valid");
}

TEST(ChainMemo, ANotTrustedChainIsNeverRemembered) {
  auto store = TrustStore::load({pki_file("root-ca.pem")});  // the intermediate is unknown
  ASSERT_TRUE(store);
  auto leaf = load_cert(pki_file("sandbox-dancu.pem"));
  auto intermediate = load_cert(pki_file("intermediate-ca.pem"));
  X509* const with[] = {intermediate.get()};
  EXPECT_TRUE(store->verify(leaf.get(), with));
  auto alone = store->verify(leaf.get());
  ASSERT_FALSE(alone) << "a chain remembered with its intermediate does not vouch without it";
  EXPECT_TRUE(alone.error().starts_with("certificate not trusted: ")) << alone.error();
}

}  // namespace
}  // namespace lienthong::security
