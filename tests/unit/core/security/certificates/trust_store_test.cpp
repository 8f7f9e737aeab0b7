#include "core/security/certificates/trust_store.hpp"

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "core/security/certificates/certificates.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security {
namespace {

namespace fs = std::filesystem;
using namespace testing;

class TrustStoreTest : public ::testing::Test {
 protected:
  X509Ptr leaf(const std::string& name) { return load_cert(pki_file(name + ".pem")); }
  TrustStore with_intermediate(bool with_crl = false) {
    std::vector<fs::path> crls;
    if (with_crl) crls.push_back(pki_file("crl.pem"));
    auto t = TrustStore::load({pki_file("root-ca.pem")}, {pki_file("intermediate-ca.pem")}, crls);
    EXPECT_TRUE(t) << t.error().to_string();
    return std::move(*t);
  }
  static std::string error_of(const Result<void, std::string>& r) {
    return r ? std::string("(accepted)") : r.error();
  }
};

TEST_F(TrustStoreTest, VerifiesAChainThroughAKnownIntermediate) {
  auto cert = leaf("hub-signing");
  EXPECT_TRUE(with_intermediate().verify(cert.get()));
}

TEST_F(TrustStoreTest, TheIntermediateMayComeWithTheMessage) {
  auto cert = leaf("hub-signing");
  auto intermediate = leaf("intermediate-ca");
  const auto store = dev_trust();
  EXPECT_EQ(error_of(store.verify(cert.get())),
            "certificate not trusted: unable to get local issuer certificate");
  X509* untrusted[] = {intermediate.get()};
  EXPECT_TRUE(store.verify(cert.get(), untrusted));
}

TEST_F(TrustStoreTest, AnEmptyStoreTrustsNothing) {
  auto cert = leaf("hub-signing");
  EXPECT_EQ(error_of(TrustStore().verify(cert.get())).rfind("certificate not trusted: ", 0), 0u);
  EXPECT_EQ(TrustStore().anchor_count(), 0u);
}

TEST_F(TrustStoreTest, SelfSignedStrangersAreNotTrusted) {
  auto stranger = self_signed(2048, "stranger");
  EXPECT_EQ(error_of(dev_trust().verify(stranger.certificate())),
            "certificate not trusted: self-signed certificate");
}

TEST_F(TrustStoreTest, ExpiryAndTheVerificationTime) {
  const auto store = with_intermediate();
  auto expired = leaf("expired");
  EXPECT_EQ(error_of(store.verify(expired.get())), "certificate expired");
  EXPECT_TRUE(store.verify(expired.get(), {}, utc(2020, 6, 1)));
  EXPECT_EQ(error_of(store.verify(expired.get(), {}, utc(2019, 12, 15))),
            "certificate not yet valid");
  auto good = leaf("hub-signing");
  EXPECT_EQ(error_of(store.verify(good.get(), {}, utc(2040, 1, 1))), "certificate expired");
}

TEST_F(TrustStoreTest, RevokedByAConfiguredCrl) {
  const auto store = with_intermediate(true);
  auto revoked = leaf("revoked");
  EXPECT_EQ(error_of(store.verify(revoked.get())), "certificate revoked");
  auto good = leaf("hub-signing");
  EXPECT_TRUE(store.verify(good.get())) << "the CRL check passes certificates it does not list";
  // Before the revocation date the same CRL does not count it as revoked.
  EXPECT_EQ(error_of(store.verify(revoked.get(), {}, utc(2020, 6, 1))),
            "certificate not yet valid");
}

TEST_F(TrustStoreTest, ACrlCarriedByTheMessageCanOnlyAddRevocations) {
  const auto store = with_intermediate();
  auto crls = load_crls(pki_file("crl.pem"));
  ASSERT_TRUE(crls);
  X509_CRL* carried[] = {crls->front().get()};
  auto revoked = leaf("revoked");
  EXPECT_TRUE(store.verify(revoked.get())) << "no CRL configured: nothing says revoked";
  EXPECT_EQ(error_of(store.verify(revoked.get(), {}, std::nullopt, carried)),
            "certificate revoked");
  auto good = leaf("hub-signing");
  EXPECT_TRUE(store.verify(good.get(), {}, std::nullopt, carried));
}

TEST_F(TrustStoreTest, AStaleConfiguredCrlFailsClosed) {
  // A CRL from the intermediate whose nextUpdate has passed.
  auto key_pem = read_file(pki_file("intermediate-ca-key.pem"));
  BIO* bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  auto issuer = leaf("intermediate-ca");
  X509CrlPtr crl(X509_CRL_new());
  X509_CRL_set_version(crl.get(), 1);
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer.get()));
  ASN1_TIME* last = ASN1_TIME_set(nullptr, utc(2020, 1, 1));
  ASN1_TIME* next = ASN1_TIME_set(nullptr, utc(2020, 2, 1));
  X509_CRL_set1_lastUpdate(crl.get(), last);
  X509_CRL_set1_nextUpdate(crl.get(), next);
  ASN1_TIME_free(last);
  ASN1_TIME_free(next);
  ASSERT_GT(X509_CRL_sign(crl.get(), key.get(), EVP_sha256()), 0);
  Certificates anchors;
  anchors.push_back(leaf("root-ca"));
  Certificates intermediates;
  intermediates.push_back(leaf("intermediate-ca"));
  Crls crls;
  crls.push_back(std::move(crl));
  auto store = TrustStore::from(std::move(anchors), std::move(intermediates), std::move(crls));
  auto good = leaf("hub-signing");
  EXPECT_EQ(error_of(store.verify(good.get())),
            "certificate revocation status unknown: CRL has expired");
}

TEST_F(TrustStoreTest, TheRevocationHookIsAskedAfterTheChainHolds) {
  auto store = with_intermediate();
  std::string seen_issuer;
  int calls = 0;
  store.set_revocation_check([&](X509* cert, X509* issuer) -> Result<void, RevocationFailure> {
    ++calls;
    seen_issuer = subject_of(issuer);
    if (subject_of(cert).rfind("CN=lienthong-hub-signing,", 0) == 0) {
      return RevocationFailure{true, "keyCompromise (OCSP)"};
    }
    if (subject_of(cert).rfind("CN=lienthong-hub,", 0) == 0) {
      return RevocationFailure{false, "OCSP responder unreachable"};
    }
    return {};
  });
  auto signing = leaf("hub-signing");
  EXPECT_EQ(error_of(store.verify(signing.get())), "certificate revoked: keyCompromise (OCSP)");
  EXPECT_NE(seen_issuer.find("CN=Lien Thong Dev Intermediate CA"), std::string::npos);
  auto client = leaf("hub-client");
  EXPECT_EQ(error_of(store.verify(client.get())),
            "certificate revocation status unknown: OCSP responder unreachable");
  auto server = leaf("hub-server");
  EXPECT_TRUE(store.verify(server.get()));
  const int before = calls;
  auto expired = leaf("expired");
  EXPECT_EQ(error_of(store.verify(expired.get())), "certificate expired");
  EXPECT_EQ(calls, before) << "no revocation question for a chain that already failed";
}

TEST_F(TrustStoreTest, LoadNamesTheBadFile) {
  auto missing = TrustStore::load({"/nonexistent/root.pem"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().file, "/nonexistent/root.pem");
  auto not_a_cert = TrustStore::load({pki_file("openssl-ca.cnf")});
  ASSERT_FALSE(not_a_cert);
  EXPECT_EQ(not_a_cert.error().reason, "no certificate found (expected PEM or DER)");
  auto not_a_crl = TrustStore::load({pki_file("root-ca.pem")}, {}, {pki_file("root-ca.pem")});
  ASSERT_FALSE(not_a_crl);
  EXPECT_EQ(not_a_crl.error().reason, "no CRL found (expected PEM or DER)");
}

TEST_F(TrustStoreTest, LoadsDerAsWellAsPem) {
  const fs::path dir = fresh_temp_dir("trust");
  auto root = leaf("root-ca");
  unsigned char* der = nullptr;
  const int len = i2d_X509(root.get(), &der);
  write_file(dir / "root.der",
             std::string(reinterpret_cast<char*>(der), static_cast<std::size_t>(len)));
  OPENSSL_free(der);
  auto store = TrustStore::load({dir / "root.der"}, {pki_file("intermediate-ca.pem")});
  ASSERT_TRUE(store) << store.error().to_string();
  auto cert = leaf("hub-server");
  EXPECT_TRUE(store->verify(cert.get()));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lienthong::security
