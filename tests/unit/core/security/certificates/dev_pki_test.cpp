// certs/gen-dev-pki.sh: its mechanics (into a fresh folder) and what it makes (checked with the
// OpenSSL C API on the shared test PKI, which the same script made).
#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <filesystem>
#include <sstream>

#include "core/security/certificates/certificates.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security {
namespace {

namespace fs = std::filesystem;
using namespace testing;

const std::vector<std::string> kLeaves = {
    "hub-signing",       "hub-server", "hub-client", "sandbox-dancu",  "sandbox-server",
    "provincial-client", "revoked",    "expired",    "ocsp-responder", "revoked-client"};

struct StoreDeleter {
  void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct CtxDeleter {
  void operator()(X509_STORE_CTX* c) const { X509_STORE_CTX_free(c); }
};

// X509_verify_cert of `leaf` against the dev root (+ intermediate, + CRL); returns the error.
int verify_error(X509* leaf, std::optional<std::time_t> at = {}, bool with_crl = false) {
  X509Ptr root = load_cert(pki_file("root-ca.pem"));
  X509Ptr intermediate = load_cert(pki_file("intermediate-ca.pem"));
  std::unique_ptr<X509_STORE, StoreDeleter> store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), root.get());
  Crls crls;
  if (with_crl) {
    auto loaded = load_crls(pki_file("crl.pem"));
    EXPECT_TRUE(loaded);
    if (loaded) crls = std::move(*loaded);
    for (auto& c : crls) X509_STORE_add_crl(store.get(), c.get());
    X509_STORE_set_flags(store.get(), X509_V_FLAG_CRL_CHECK);
  }
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  sk_X509_push(untrusted, intermediate.get());
  std::unique_ptr<X509_STORE_CTX, CtxDeleter> ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), leaf, untrusted);
  if (at) X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), *at);
  const int ok = X509_verify_cert(ctx.get());
  const int err = ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx.get());
  sk_X509_free(untrusted);
  ERR_clear_error();
  return err;
}

EvpPkeyPtr load_key(const fs::path& file) {
  const std::string pem = read_file(file);
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return key;
}

double days_valid(X509* cert) {
  int days = 0;
  int seconds = 0;
  ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert), X509_get0_notAfter(cert));
  return days + seconds / 86400.0;
}

std::string serial_hex(X509* cert) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  char* hex = BN_bn2hex(bn);
  std::string out(hex);
  OPENSSL_free(hex);
  BN_free(bn);
  return out;
}

TEST(DevPkiScript, CreatesEverythingOnceAndNeverHalfway) {
  const fs::path dir = fresh_temp_dir("pki");
  const fs::path out = dir / "dev";
  ASSERT_EQ(run_pki_script(out), 0) << read_file(dir / "dev.log");
  ASSERT_TRUE(fs::exists(out / ".complete"));
  for (const auto& name : kLeaves) {
    EXPECT_TRUE(fs::exists(out / (name + ".pem"))) << name;
    EXPECT_TRUE(fs::exists(out / (name + "-key.pem"))) << name;
    EXPECT_TRUE(fs::exists(out / (name + "-chain.pem"))) << name;
  }
  for (const char* f : {"root-ca.pem", "root-ca-key.pem", "intermediate-ca.pem",
                        "intermediate-ca-key.pem", "intermediate-index.txt", "intermediate-serial",
                        "crl.pem", "hub-signing.p12", "hub-signing.p12.pass", "openssl-ca.cnf"}) {
    EXPECT_TRUE(fs::exists(out / f)) << f;
  }
  // No temporary folder is left beside the result (only the test's own log).
  for (const auto& e : fs::directory_iterator(dir)) {
    EXPECT_TRUE(e.path().filename() == "dev" || e.path().extension() == ".log") << e.path();
  }

  // Idempotent: a second run changes nothing.
  const std::string root_before = read_file(out / "root-ca.pem");
  const auto index_before = read_file(out / "intermediate-index.txt");
  ASSERT_EQ(run_pki_script(out), 0);
  EXPECT_EQ(read_file(out / "root-ca.pem"), root_before);
  EXPECT_EQ(read_file(out / "intermediate-index.txt"), index_before);

  // A non-empty folder without the marker (someone's files, or a broken run) is left alone.
  const fs::path other = dir / "other";
  fs::create_directories(other);
  write_file(other / "mine.txt", "keep me");
  EXPECT_NE(run_pki_script(other), 0);
  EXPECT_NE(read_file(dir / "other.log").find("has no .complete marker"), std::string::npos);
  EXPECT_EQ(read_file(other / "mine.txt"), "keep me");
  EXPECT_FALSE(fs::exists(other / "root-ca.pem"));
  fs::remove_all(dir);
}

TEST(DevPki, EveryLeafChainsToTheRootThroughTheIntermediate) {
  for (const auto& name : kLeaves) {
    X509Ptr leaf = load_cert(pki_file(name + ".pem"));
    ASSERT_TRUE(leaf) << name;
    const int err = verify_error(leaf.get());
    if (name == "expired") {
      EXPECT_EQ(err, X509_V_ERR_CERT_HAS_EXPIRED);
    } else {
      EXPECT_EQ(err, X509_V_OK) << name << ": " << X509_verify_cert_error_string(err);
    }
    // The chain file is the certificate followed by the intermediate.
    auto chain = load_certificates(pki_file(name + "-chain.pem"));
    ASSERT_TRUE(chain);
    ASSERT_EQ(chain->size(), 2u) << name;
    EXPECT_EQ(X509_cmp((*chain)[0].get(), leaf.get()), 0) << name;
    EXPECT_EQ(X509_cmp((*chain)[1].get(), load_cert(pki_file("intermediate-ca.pem")).get()), 0);
  }
}

TEST(DevPki, ExpiredLiesEntirelyInThePast) {
  X509Ptr cert = load_cert(pki_file("expired.pem"));
  const std::time_t now = std::time(nullptr);
  EXPECT_LT(X509_cmp_time(X509_get0_notAfter(cert.get()), const_cast<std::time_t*>(&now)), 0);
  EXPECT_EQ(verify_error(cert.get(), utc(2020, 6, 1)), X509_V_OK) << "valid during 2020";
  EXPECT_EQ(verify_error(cert.get(), utc(2021, 6, 1)), X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST(DevPki, RevokedIsRevokedInTheCaDatabaseAndTheCrl) {
  X509Ptr revoked = load_cert(pki_file("revoked.pem"));
  const std::string serial = serial_hex(revoked.get());
  std::istringstream index(read_file(pki_file("intermediate-index.txt")));
  std::string line;
  int revoked_lines = 0;
  while (std::getline(index, line)) {
    if (line.find(serial) == std::string::npos) continue;
    EXPECT_EQ(line.front(), 'R') << line;
    EXPECT_NE(line.find("keyCompromise"), std::string::npos) << line;
    ++revoked_lines;
  }
  EXPECT_EQ(revoked_lines, 1);
  EXPECT_EQ(verify_error(revoked.get(), std::nullopt, true), X509_V_ERR_CERT_REVOKED);
  X509Ptr good = load_cert(pki_file("hub-signing.pem"));
  EXPECT_EQ(verify_error(good.get(), std::nullopt, true), X509_V_OK);
}

TEST(DevPki, KeysArePrivatePkcs8AndMatchTheirCertificates) {
  for (const auto& name : kLeaves) {
    const fs::path key_file = pki_file(name + "-key.pem");
    EXPECT_EQ(read_file(key_file).rfind("-----BEGIN PRIVATE KEY-----", 0), 0u) << name;
    const auto perms = fs::status(key_file).permissions();
    EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none) << name;
    EvpPkeyPtr key = load_key(key_file);
    ASSERT_TRUE(key) << name;
    EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_RSA) << name;
    EXPECT_EQ(EVP_PKEY_get_bits(key.get()), 2048) << name;
    X509Ptr cert = load_cert(pki_file(name + ".pem"));
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1) << name;
  }
}

TEST(DevPki, ValidityPeriods) {
  for (const auto& name : kLeaves) {
    X509Ptr cert = load_cert(pki_file(name + ".pem"));
    EXPECT_LE(days_valid(cert.get()), 825.0) << name;
  }
  // CA certificates: about ten years ahead; they start in 2019 so that `expired` (2020) had a
  // valid chain during its own lifetime.
  for (const char* ca : {"root-ca.pem", "intermediate-ca.pem"}) {
    X509Ptr cert = load_cert(pki_file(ca));
    int days = 0;
    int seconds = 0;
    ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(cert.get()));
    EXPECT_GT(days, 3640 - 7) << ca << " (the test PKI may be up to a week old)";
    EXPECT_LT(days, 3660) << ca;
    const std::time_t start = utc(2019, 12, 1);
    EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_get0_notBefore(cert.get()), start), 0) << ca;
  }
}

TEST(DevPki, ExtensionsFitEachPurpose) {
  X509Ptr intermediate = load_cert(pki_file("intermediate-ca.pem"));
  EXPECT_EQ(X509_check_ca(intermediate.get()), 1);
  EXPECT_EQ(X509_get_pathlen(intermediate.get()), 0);

  X509Ptr signing = load_cert(pki_file("hub-signing.pem"));
  EXPECT_EQ(X509_get_key_usage(signing.get()), KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION);
  EXPECT_EQ(X509_check_ca(signing.get()), 0);

  for (const char* server : {"hub-server", "sandbox-server", "sandbox-dancu"}) {
    X509Ptr cert = load_cert(pki_file(std::string(server) + ".pem"));
    EXPECT_TRUE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER) << server;
    EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1) << server;
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1) << server;
  }
  X509Ptr dancu = load_cert(pki_file("sandbox-dancu.pem"));
  EXPECT_TRUE(X509_get_key_usage(dancu.get()) & KU_DIGITAL_SIGNATURE);

  for (const auto& [name, cn] : {std::pair{"hub-client", "lienthong-hub"},
                                 std::pair{"provincial-client", "provincial-dev"}}) {
    X509Ptr cert = load_cert(pki_file(std::string(name) + ".pem"));
    EXPECT_EQ(X509_get_extended_key_usage(cert.get()), static_cast<std::uint32_t>(XKU_SSL_CLIENT))
        << name;
    EXPECT_NE(subject_of(cert.get()).find(std::string("CN=") + cn), std::string::npos) << name;
  }
  X509Ptr ocsp = load_cert(pki_file("ocsp-responder.pem"));
  EXPECT_EQ(X509_get_extended_key_usage(ocsp.get()), static_cast<std::uint32_t>(XKU_OCSP_SIGN));

  for (const auto& name : kLeaves) {
    X509Ptr cert = load_cert(pki_file(name + ".pem"));
    STACK_OF(OPENSSL_STRING)* urls = X509_get1_ocsp(cert.get());
    ASSERT_EQ(sk_OPENSSL_STRING_num(urls), 1) << name;
    EXPECT_STREQ(sk_OPENSSL_STRING_value(urls, 0), "http://127.0.0.1:9105/ocsp") << name;
    X509_email_free(urls);
  }
}

TEST(DevPki, Pkcs12OpensWithThePasswordFileAndHoldsTheSigningKey) {
  std::string password = read_file(pki_file("hub-signing.p12.pass"));
  while (!password.empty() && password.back() == '\n') password.pop_back();
  EXPECT_GE(password.size(), 32u);
  const std::string der = read_file(pki_file("hub-signing.p12"));
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(der.size()));
  ASSERT_NE(p12, nullptr);
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  ASSERT_EQ(PKCS12_parse(p12, password.c_str(), &key, &cert, &ca), 1);
  X509Ptr expected = load_cert(pki_file("hub-signing.pem"));
  EXPECT_EQ(X509_cmp(cert, expected.get()), 0);
  EXPECT_EQ(X509_check_private_key(cert, key), 1);
  EXPECT_EQ(sk_X509_num(ca), 1) << "the intermediate travels with it";
  EXPECT_NE(PKCS12_verify_mac(p12, "wrong", 5), 1);
  sk_X509_pop_free(ca, X509_free);
  X509_free(cert);
  EVP_PKEY_free(key);
  PKCS12_free(p12);
  ERR_clear_error();
}

}  // namespace
}  // namespace lienthong::security
