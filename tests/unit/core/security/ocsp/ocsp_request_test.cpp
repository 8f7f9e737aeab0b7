#include "core/security/ocsp/ocsp_request.hpp"

#include <gtest/gtest.h>
#include <openssl/ocsp.h>

#include "tests/support/test_pki.hpp"

namespace lienthong::security {
namespace {

using namespace testing;

OcspRequestPtr parse(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  OcspRequestPtr request(d2i_OCSP_REQUEST(nullptr, &p, static_cast<long>(der.size())));
  EXPECT_EQ(p, reinterpret_cast<const unsigned char*>(der.data()) + der.size());
  return request;
}

class OcspRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    leaf_ = load_cert(pki_file("hub-signing.pem"));
    revoked_ = load_cert(pki_file("revoked.pem"));
    issuer_ = load_cert(pki_file("intermediate-ca.pem"));
    root_ = load_cert(pki_file("root-ca.pem"));
  }
  X509Ptr leaf_, revoked_, issuer_, root_;
};

TEST_F(OcspRequestTest, OneSha1CertIdAndANonce) {
  auto built = build_ocsp_request(leaf_.get(), issuer_.get(), "", true);
  ASSERT_TRUE(built) << built.error().detail;
  EXPECT_EQ(built->url, "http://127.0.0.1:9105/ocsp");  // the certificate's AIA
  EXPECT_EQ(built->serial, serial_hex(leaf_.get()));

  auto request = parse(built->der);
  ASSERT_TRUE(request);
  ASSERT_EQ(OCSP_request_onereq_count(request.get()), 1);
  OCSP_CERTID* id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), 0));
  ASN1_OBJECT* md = nullptr;
  ASN1_INTEGER* serial = nullptr;
  ASSERT_EQ(OCSP_id_get0_info(nullptr, &md, nullptr, &serial, id), 1);
  EXPECT_EQ(OBJ_obj2nid(md), NID_sha1);  // RFC 5019 §2.1.1
  EXPECT_EQ(ASN1_INTEGER_cmp(serial, X509_get0_serialNumber(leaf_.get())), 0);
  EXPECT_EQ(OCSP_id_cmp(id, built->cert_id.get()), 0);

  OcspCertIdPtr expected(OCSP_cert_to_id(EVP_sha1(), leaf_.get(), issuer_.get()));
  EXPECT_EQ(OCSP_id_cmp(id, expected.get()), 0);
  EXPECT_GE(OCSP_REQUEST_get_ext_by_NID(request.get(), NID_id_pkix_OCSP_Nonce, -1), 0);
  EXPECT_FALSE(OCSP_request_is_signed(request.get()));
}

TEST_F(OcspRequestTest, NonceIsOptionalAndFreshEachTime) {
  auto without = build_ocsp_request(leaf_.get(), issuer_.get(), "", false);
  ASSERT_TRUE(without);
  EXPECT_LT(OCSP_REQUEST_get_ext_by_NID(parse(without->der).get(), NID_id_pkix_OCSP_Nonce, -1), 0);
  auto a = build_ocsp_request(leaf_.get(), issuer_.get(), "", true);
  auto b = build_ocsp_request(leaf_.get(), issuer_.get(), "", true);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->der, b->der);
  EXPECT_EQ(a->cache_key, b->cache_key);
}

TEST_F(OcspRequestTest, OverrideUrlWinsOverAia) {
  auto built = build_ocsp_request(leaf_.get(), issuer_.get(), "http://ocsp.test/x", true);
  ASSERT_TRUE(built);
  EXPECT_EQ(built->url, "http://ocsp.test/x");
}

TEST_F(OcspRequestTest, CacheKeyIsPerIssuerAndSerial) {
  auto a = build_ocsp_request(leaf_.get(), issuer_.get(), "", false);
  auto b = build_ocsp_request(revoked_.get(), issuer_.get(), "", false);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->cache_key, b->cache_key);
  EXPECT_NE(a->cache_key.find("/" + serial_hex(leaf_.get())), std::string::npos) << a->cache_key;
  // issuerKeyHash and issuerNameHash are 20-byte SHA-1 digests.
  EXPECT_EQ(a->cache_key.size(), 40 + 1 + 40 + 1 + serial_hex(leaf_.get()).size());
}

TEST_F(OcspRequestTest, RefusesAWrongIssuer) {
  auto built = build_ocsp_request(leaf_.get(), root_.get(), "", true);
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().kind, OcspErrorKind::kBadInput);
  EXPECT_EQ(built.error().serial, serial_hex(leaf_.get()));
  EXPECT_FALSE(build_ocsp_request(nullptr, issuer_.get(), "", true));
  EXPECT_FALSE(build_ocsp_request(leaf_.get(), nullptr, "", true));
}

TEST_F(OcspRequestTest, NoAiaAndNoOverrideIsNoResponder) {
  auto self = self_signed(2048, "no-aia", 30, "digitalSignature,keyCertSign");
  EXPECT_FALSE(ocsp_url_of(self.certificate()));
  auto built = build_ocsp_request(self.certificate(), self.certificate(), "", true);
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().kind, OcspErrorKind::kNoResponder);
  EXPECT_TRUE(build_ocsp_request(self.certificate(), self.certificate(), "http://x/", true));
}

TEST_F(OcspRequestTest, SerialHex) {
  auto self = self_signed(2048, "serial");  // serial 4242 = 0x1092
  EXPECT_EQ(serial_hex(self.certificate()), "1092");
  EXPECT_EQ(serial_hex(nullptr), "");
}

}  // namespace
}  // namespace lienthong::security
