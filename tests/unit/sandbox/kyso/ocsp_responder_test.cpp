#include "sandbox/kyso/ocsp_responder.hpp"

#include <gtest/gtest.h>
#include <openssl/ocsp.h>

#include <optional>

#include "tests/unit/sandbox/kyso/kyso_test_pki.hpp"

namespace lienthong::sandbox::kyso {
namespace {

using security::OcspBasicResponsePtr;
using security::OcspCertIdPtr;
using security::OcspRequestPtr;
using security::OcspResponsePtr;
using security::X509Ptr;

struct Status {
  int status = -2;
  int reason = -2;
  std::optional<std::time_t> revoked_at;
  std::time_t this_update = 0;
  std::time_t next_update = 0;
};

std::time_t to_time(const ASN1_GENERALIZEDTIME* t) {
  std::tm tm{};
  ASN1_TIME_to_tm(t, &tm);
  return ::timegm(&tm);
}

class OcspResponderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = testing::load_cert("root-ca.pem").release();
    intermediate_ = testing::load_cert("intermediate-ca.pem").release();
  }
  static void TearDownTestSuite() {
    X509_free(root_);
    X509_free(intermediate_);
  }

  void SetUp() override {
    OcspResponderOptions options;
    options.clock = clock_.fn();
    auto loaded = OcspResponder::load(OcspResponderFiles::in_dev_pki(testing::dev_pki()), options);
    ASSERT_TRUE(loaded) << loaded.error().front().to_string();
    responder_.emplace(std::move(*loaded));
  }

  // A request for `ids` (consumed), with a nonce when asked.
  static OcspRequestPtr request_for(std::vector<OCSP_CERTID*> ids, bool nonce = true) {
    OcspRequestPtr request(OCSP_REQUEST_new());
    for (OCSP_CERTID* id : ids) OCSP_request_add0_id(request.get(), id);
    if (nonce) OCSP_request_add1_nonce(request.get(), nullptr, 16);
    return request;
  }
  static OCSP_CERTID* id_of(const std::string& leaf, const EVP_MD* md = EVP_sha1()) {
    X509Ptr cert = testing::load_cert(leaf);
    return OCSP_cert_to_id(md, cert.get(), intermediate_);
  }

  // The answer parsed and verified against root + intermediate, as a relying party would.
  // `delegated_for_this_ca` false: the CertID names another CA, so a relying party would refuse
  // our delegated signer; only the signature itself is checked then.
  static OcspBasicResponsePtr verified(const OcspReply& reply, OCSP_REQUEST* request,
                                       bool delegated_for_this_ca = true) {
    EXPECT_EQ(reply.status, OCSP_RESPONSE_STATUS_SUCCESSFUL);
    const auto* p = reinterpret_cast<const unsigned char*>(reply.der.data());
    OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(reply.der.size())));
    EXPECT_TRUE(response);
    if (!response) return nullptr;
    EXPECT_EQ(OCSP_response_status(response.get()), OCSP_RESPONSE_STATUS_SUCCESSFUL);
    OcspBasicResponsePtr basic(OCSP_response_get1_basic(response.get()));
    EXPECT_TRUE(basic);
    if (!basic) return nullptr;
    security::X509StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), root_);
    security::X509StackPtr untrusted(sk_X509_new_null());
    sk_X509_push(untrusted.get(), intermediate_);
    const unsigned long flags = delegated_for_this_ca ? 0 : OCSP_NOVERIFY;
    EXPECT_EQ(OCSP_basic_verify(basic.get(), untrusted.get(), store.get(), flags), 1);
    EXPECT_EQ(OCSP_check_nonce(request, basic.get()), 1);  // echoed
    ERR_clear_error();
    return basic;
  }

  static Status status_of(OCSP_BASICRESP* basic, OCSP_CERTID* id) {
    Status s;
    ASN1_GENERALIZEDTIME* revoked_at = nullptr;
    ASN1_GENERALIZEDTIME* this_update = nullptr;
    ASN1_GENERALIZEDTIME* next_update = nullptr;
    EXPECT_EQ(OCSP_resp_find_status(basic, id, &s.status, &s.reason, &revoked_at, &this_update,
                                    &next_update),
              1);
    if (revoked_at != nullptr) s.revoked_at = to_time(revoked_at);
    if (this_update != nullptr) s.this_update = to_time(this_update);
    if (next_update != nullptr) s.next_update = to_time(next_update);
    return s;
  }

  // Asks about one CertID and returns what the verified answer says.
  Status ask(OCSP_CERTID* id, bool delegated_for_this_ca = true) {
    OcspCertIdPtr keep(OCSP_CERTID_dup(id));
    auto request = request_for({id});
    auto basic = verified(responder_->respond(testing::to_der(request.get())), request.get(),
                          delegated_for_this_ca);
    if (!basic) return {};
    return status_of(basic.get(), keep.get());
  }

  static X509* root_;
  static X509* intermediate_;
  testing::FakeClock clock_;
  std::optional<OcspResponder> responder_;
};
X509* OcspResponderTest::root_ = nullptr;
X509* OcspResponderTest::intermediate_ = nullptr;

TEST_F(OcspResponderTest, RevokedCertificateIsRevokedWithTimeAndReason) {
  const Status s = ask(id_of("revoked.pem"));
  EXPECT_EQ(s.status, V_OCSP_CERTSTATUS_REVOKED);
  EXPECT_EQ(s.reason, OCSP_REVOKED_STATUS_KEYCOMPROMISE);
  ASSERT_TRUE(s.revoked_at);
  auto index = CaIndex::load(testing::pki_file("intermediate-index.txt"));
  ASSERT_TRUE(index);
  X509Ptr revoked = testing::load_cert("revoked.pem");
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(revoked.get()), nullptr);
  char* hex = BN_bn2hex(bn);
  EXPECT_EQ(*s.revoked_at, index->find(hex)->revoked_at);
  OPENSSL_free(hex);
  BN_free(bn);
}

TEST_F(OcspResponderTest, ValidCertificatesAreGoodWithUpdateTimes) {
  clock_.now = 1'900'000'000;
  for (const char* leaf : {"hub-signing.pem", "hub-server.pem", "ocsp-responder.pem"}) {
    const Status s = ask(id_of(leaf));
    EXPECT_EQ(s.status, V_OCSP_CERTSTATUS_GOOD) << leaf;
    EXPECT_EQ(s.this_update, 1'900'000'000);
    EXPECT_EQ(s.next_update, 1'900'000'000 + 3600);
  }
}

TEST_F(OcspResponderTest, ExpiredButNeverRevokedIsGood) {
  EXPECT_EQ(ask(id_of("expired.pem")).status, V_OCSP_CERTSTATUS_GOOD);
}

TEST_F(OcspResponderTest, UnknownSerialIsUnknown) {
  X509_NAME* name = X509_get_subject_name(intermediate_);
  ASN1_BIT_STRING* key = X509_get0_pubkey_bitstr(intermediate_);
  ASN1_INTEGER* serial = ASN1_INTEGER_new();
  ASN1_INTEGER_set(serial, 0x123456);
  OCSP_CERTID* id = OCSP_cert_id_new(EVP_sha1(), name, key, serial);
  ASN1_INTEGER_free(serial);
  EXPECT_EQ(ask(id).status, V_OCSP_CERTSTATUS_UNKNOWN);
}

TEST_F(OcspResponderTest, ForeignIssuerIsUnknownEvenForAListedSerial) {
  // The intermediate's serial hashed under the root: the root is not this responder's CA.
  OCSP_CERTID* id = OCSP_cert_to_id(EVP_sha1(), intermediate_, root_);
  EXPECT_EQ(ask(id, false).status, V_OCSP_CERTSTATUS_UNKNOWN);
  // A listed serial with the root's hashes is still unknown.
  X509Ptr good = testing::load_cert("hub-signing.pem");
  OCSP_CERTID* forged =
      OCSP_cert_id_new(EVP_sha1(), X509_get_subject_name(root_), X509_get0_pubkey_bitstr(root_),
                       X509_get0_serialNumber(good.get()));
  EXPECT_EQ(ask(forged, false).status, V_OCSP_CERTSTATUS_UNKNOWN);
}

TEST_F(OcspResponderTest, Sha256CertIdsWorkToo) {
  EXPECT_EQ(ask(id_of("revoked.pem", EVP_sha256())).status, V_OCSP_CERTSTATUS_REVOKED);
  EXPECT_EQ(ask(id_of("hub-client.pem", EVP_sha256())).status, V_OCSP_CERTSTATUS_GOOD);
}

TEST_F(OcspResponderTest, SeveralCertificatesInOneRequest) {
  OcspCertIdPtr revoked(id_of("revoked.pem"));
  OcspCertIdPtr good(id_of("hub-signing.pem"));
  auto request = request_for({OCSP_CERTID_dup(revoked.get()), OCSP_CERTID_dup(good.get())}, false);
  const OcspReply reply = responder_->respond(testing::to_der(request.get()));
  const auto* p = reinterpret_cast<const unsigned char*>(reply.der.data());
  OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(reply.der.size())));
  ASSERT_TRUE(response);
  OcspBasicResponsePtr basic(OCSP_response_get1_basic(response.get()));
  ASSERT_TRUE(basic);
  EXPECT_EQ(OCSP_resp_count(basic.get()), 2);
  EXPECT_EQ(status_of(basic.get(), revoked.get()).status, V_OCSP_CERTSTATUS_REVOKED);
  EXPECT_EQ(status_of(basic.get(), good.get()).status, V_OCSP_CERTSTATUS_GOOD);
  EXPECT_EQ(OCSP_check_nonce(request.get(), basic.get()), 2);  // neither has one
}

TEST_F(OcspResponderTest, SignedByTheDelegatedResponderIdentifiedByKeyHash) {
  auto request = request_for({id_of("hub-signing.pem")});
  const OcspReply reply = responder_->respond(testing::to_der(request.get()));
  auto basic = verified(reply, request.get());
  ASSERT_TRUE(basic);
  const ASN1_OCTET_STRING* key_hash = nullptr;
  const X509_NAME* by_name = nullptr;
  ASSERT_EQ(OCSP_resp_get0_id(basic.get(), &key_hash, &by_name), 1);
  EXPECT_NE(key_hash, nullptr);
  X509* signer = nullptr;
  ASSERT_EQ(OCSP_resp_get0_signer(basic.get(), &signer, nullptr), 1);
  X509Ptr responder = testing::load_cert("ocsp-responder.pem");
  EXPECT_EQ(X509_cmp(signer, responder.get()), 0);
  EXPECT_EQ(OBJ_obj2nid(OCSP_resp_get0_tbs_sigalg(basic.get())->algorithm),
            NID_sha256WithRSAEncryption);
}

TEST_F(OcspResponderTest, NextUpdateIsConfigurable) {
  OcspResponderOptions options;
  options.next_update = std::chrono::seconds(90);
  options.clock = clock_.fn();
  auto loaded = OcspResponder::load(OcspResponderFiles::in_dev_pki(testing::dev_pki()), options);
  ASSERT_TRUE(loaded);
  responder_.emplace(std::move(*loaded));
  const Status s = ask(id_of("hub-signing.pem"));
  EXPECT_EQ(s.next_update - s.this_update, 90);
}

TEST_F(OcspResponderTest, MalformedRequestsAnswerMalformedRequest) {
  auto good = request_for({id_of("hub-signing.pem")});
  const std::string der = testing::to_der(good.get());
  const std::vector<std::string> bad = {
      "",
      "not DER at all",
      der.substr(0, der.size() - 3),
      der + std::string("\0", 1),
      testing::to_der(request_for({}, true).get()),  // no certificate asked about
  };
  for (const auto& body : bad) {
    const OcspReply reply = responder_->respond(body);
    EXPECT_EQ(reply.status, OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    const auto* p = reinterpret_cast<const unsigned char*>(reply.der.data());
    OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(reply.der.size())));
    ASSERT_TRUE(response);
    EXPECT_EQ(OCSP_response_status(response.get()), OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    EXPECT_EQ(OCSP_response_get1_basic(response.get()), nullptr);
    ERR_clear_error();
  }
  std::vector<OCSP_CERTID*> many;
  for (int i = 0; i <= OcspResponder::kMaxCertsPerRequest; ++i)
    many.push_back(id_of("hub-signing.pem"));
  EXPECT_EQ(responder_->respond(testing::to_der(request_for(many).get())).status,
            OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
}

TEST_F(OcspResponderTest, LoadReportsEveryMissingFile) {
  OcspResponderFiles files{"/nonexistent/ca.pem", "/nonexistent/r.pem", "/nonexistent/r-key.pem",
                           "/nonexistent/index.txt"};
  auto loaded = OcspResponder::load(files);
  ASSERT_FALSE(loaded);
  ASSERT_EQ(loaded.error().size(), 3u);  // issuer, responder identity, index
  EXPECT_EQ(loaded.error()[0].file, "/nonexistent/ca.pem");
  EXPECT_EQ(loaded.error()[2].file, "/nonexistent/index.txt");
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
