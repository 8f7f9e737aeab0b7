#include "core/security/certificates/signing_identity.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include "core/security/certificates/certificates.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security {
namespace {

namespace fs = std::filesystem;
using namespace testing;

std::string p12_password() {
  std::string p = read_file(pki_file("hub-signing.p12.pass"));
  while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.pop_back();
  return p;
}

TEST(SigningIdentity, LoadsPemKeyAndCertificateChain) {
  auto id =
      SigningIdentity::load_pem(pki_file("hub-signing-key.pem"), pki_file("hub-signing-chain.pem"));
  ASSERT_TRUE(id) << id.error().to_string();
  EXPECT_EQ(id->subject(), "CN=lienthong-hub-signing,O=Lien Thong Hub (development only),C=VN");
  ASSERT_EQ(id->chain().size(), 1u);
  EXPECT_NE(subject_of(id->chain()[0].get()).find("Intermediate"), std::string::npos);
  EXPECT_EQ(X509_check_private_key(id->certificate(), id->key()), 1);
}

TEST(SigningIdentity, FindsTheSignerWhateverTheOrderOfTheCertificateFile) {
  const fs::path dir = fresh_temp_dir("identity");
  write_file(dir / "reversed.pem",
             read_file(pki_file("intermediate-ca.pem")) + read_file(pki_file("hub-signing.pem")));
  auto id = SigningIdentity::load_pem(pki_file("hub-signing-key.pem"), dir / "reversed.pem");
  ASSERT_TRUE(id) << id.error().to_string();
  EXPECT_NE(id->subject().find("CN=lienthong-hub-signing"), std::string::npos);
  fs::remove_all(dir);
}

TEST(SigningIdentity, LoadsPkcs12WithThePasswordFromItsFile) {
  auto p12 = SigningIdentity::load_pkcs12(pki_file("hub-signing.p12"), p12_password());
  ASSERT_TRUE(p12) << p12.error().to_string();
  X509Ptr pem = load_cert(pki_file("hub-signing.pem"));
  EXPECT_EQ(sha256_fingerprint(p12->certificate()), sha256_fingerprint(pem.get()));
  EXPECT_EQ(p12->chain().size(), 1u);
}

TEST(SigningIdentity, WrongPkcs12PasswordIsAClearErrorWithoutThePassword) {
  auto p12 = SigningIdentity::load_pkcs12(pki_file("hub-signing.p12"), "not-the-password");
  ASSERT_FALSE(p12);
  EXPECT_EQ(p12.error().file, pki_file("hub-signing.p12").string());
  EXPECT_NE(p12.error().reason.find("wrong PKCS#12 password"), std::string::npos);
  EXPECT_EQ(p12.error().to_string().find("not-the-password"), std::string::npos);
  auto empty = SigningIdentity::load_pkcs12(pki_file("hub-signing.p12"), "");
  EXPECT_FALSE(empty);
}

TEST(SigningIdentity, RefusesAKeyThatDoesNotMatchTheCertificate) {
  auto id =
      SigningIdentity::load_pem(pki_file("hub-client-key.pem"), pki_file("hub-signing-chain.pem"));
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().file, pki_file("hub-signing-chain.pem").string());
  EXPECT_NE(id.error().reason.find("does not match"), std::string::npos) << id.error().reason;
}

TEST(SigningIdentity, NamesTheFileThatIsMissingOrWrong) {
  auto missing = SigningIdentity::load_pem("/nonexistent/key.pem", pki_file("hub-signing.pem"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().file, "/nonexistent/key.pem");
  EXPECT_EQ(missing.error().reason, "cannot read the file");
  auto not_a_key =
      SigningIdentity::load_pem(pki_file("hub-signing.pem"), pki_file("hub-signing.pem"));
  ASSERT_FALSE(not_a_key);
  EXPECT_EQ(not_a_key.error().file, pki_file("hub-signing.pem").string());
  auto not_p12 = SigningIdentity::load_pkcs12(pki_file("hub-signing.pem"), "x");
  ASSERT_FALSE(not_p12);
  EXPECT_EQ(not_p12.error().reason, "not a PKCS#12 file");
}

TEST(SigningIdentity, EncryptedPemKeyNeedsItsPasswordAndNeverPrompts) {
  const fs::path dir = fresh_temp_dir("identity");
  {
    const std::string pem = read_file(pki_file("hub-signing-key.pem"));
    BIO* in = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
    BIO_free(in);
    ASSERT_NE(key, nullptr);
    FILE* out = std::fopen((dir / "enc.pem").c_str(), "w");
    ASSERT_NE(out, nullptr);
    char pass[] = "s3cret-pass";
    PEM_write_PKCS8PrivateKey(out, key, EVP_aes_256_cbc(), pass, sizeof(pass) - 1, nullptr,
                              nullptr);
    std::fclose(out);
    EVP_PKEY_free(key);
  }
  auto ok = SigningIdentity::load_pem(dir / "enc.pem", pki_file("hub-signing.pem"), "s3cret-pass");
  EXPECT_TRUE(ok) << ok.error().to_string();
  auto none = SigningIdentity::load_pem(dir / "enc.pem", pki_file("hub-signing.pem"));
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().reason.find("no password given"), std::string::npos);
  auto wrong = SigningIdentity::load_pem(dir / "enc.pem", pki_file("hub-signing.pem"), "nope");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().reason.find("password is wrong"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lienthong::security
