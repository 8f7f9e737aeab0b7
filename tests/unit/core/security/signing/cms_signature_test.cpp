#include "core/security/signing/cms_signature.hpp"

#include <gtest/gtest.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/signing/signing_test_support.hpp"

namespace lienthong::security::signing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;
using security::testing::fresh_temp_dir;
using security::testing::identity;
using security::testing::pki_file;
using security::testing::write_file;
using namespace test_support;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// The attributes of a DER SET OF Attribute, each as its own DER, in order.
std::vector<std::string> attribute_encodings(std::string_view set) {
  std::vector<std::string> out;
  const unsigned char* p = bytes(set);
  long len = 0;
  int tag = 0;
  int cls = 0;
  EXPECT_EQ(ASN1_get_object(&p, &len, &tag, &cls, static_cast<long>(set.size())),
            V_ASN1_CONSTRUCTED);
  EXPECT_EQ(tag, V_ASN1_SET);
  const unsigned char* end = p + len;
  while (p < end) {
    const unsigned char* start = p;
    X509_ATTRIBUTE* a = d2i_X509_ATTRIBUTE(nullptr, &p, end - p);
    EXPECT_NE(a, nullptr);
    if (a == nullptr) break;
    X509_ATTRIBUTE_free(a);
    out.emplace_back(reinterpret_cast<const char*>(start), static_cast<std::size_t>(p - start));
  }
  return out;
}

std::string oid_of(const std::string& attribute_der) {
  const unsigned char* p = bytes(attribute_der);
  X509_ATTRIBUTE* a = d2i_X509_ATTRIBUTE(nullptr, &p, static_cast<long>(attribute_der.size()));
  char buf[80] = {};
  OBJ_obj2txt(buf, sizeof buf, X509_ATTRIBUTE_get0_object(a), 1);
  X509_ATTRIBUTE_free(a);
  return buf;
}

// The token in the SignerInfo's id-aa-signatureTimeStampToken attribute, read back.
std::string token_in(const std::string& cms_der) {
  const unsigned char* p = bytes(cms_der);
  std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
      d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())), CMS_ContentInfo_free);
  if (!cms) return {};
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
  auto* seq = static_cast<ASN1_STRING*>(CMS_unsigned_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken), -3, V_ASN1_SEQUENCE));
  if (seq == nullptr) return {};
  return {reinterpret_cast<const char*>(ASN1_STRING_get0_data(seq)),
          static_cast<std::size_t>(ASN1_STRING_length(seq))};
}

class CmsSignature : public ::testing::Test {
 protected:
  void SetUp() override {
    content_ = "%PDF-1.7 pretend content, signed detached\n";
    digest_ = sha256(content_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  const fs::path& dir() {
    if (dir_.empty()) dir_ = fresh_temp_dir("cms-signature");
    return dir_;
  }
  // `openssl cms -verify` of a detached signature over content_.
  Ran openssl_verify(const std::string& cms_der, const std::string& extra = "") {
    write_file(dir() / "x.p7s", cms_der);
    write_file(dir() / "content.bin", content_);
    return run("openssl cms -verify -binary -inform DER -in '" + (dir() / "x.p7s").string() +
               "' -content '" + (dir() / "content.bin").string() + "' -CAfile '" +
               pki_file("root-ca.pem").string() + "' -certfile '" +
               pki_file("intermediate-ca.pem").string() + "' " + extra + " -out /dev/null");
  }
  std::string timestamp_token(std::string_view imprint) {
    return test_support::timestamp_token(dir(), imprint);
  }

  SigningIdentity id_ = identity("hub-signing");
  std::string content_;
  std::string digest_;
  fs::path dir_;
};

TEST_F(CmsSignature, ThePreparationIsTheDerSortedSetOfTheSignedAttributes) {
  auto prep = prepare_cms(id_.certificate(), digest_, {});
  ASSERT_TRUE(prep) << prep.error().detail;
  ASSERT_FALSE(prep->signed_attributes.empty());
  EXPECT_EQ(prep->signed_attributes[0], '\x31');
  EXPECT_EQ(prep->digest_to_sign, sha256(prep->signed_attributes));

  const auto attributes = attribute_encodings(prep->signed_attributes);
  std::vector<std::string> oids;
  oids.reserve(attributes.size());
  for (const auto& a : attributes) oids.push_back(oid_of(a));
  std::sort(oids.begin(), oids.end());
  // content-type, message-digest, ESS signing-certificate-v2; no signing-time for PAdES.
  EXPECT_EQ(oids, (std::vector<std::string>{"1.2.840.113549.1.9.16.2.47", "1.2.840.113549.1.9.3",
                                            "1.2.840.113549.1.9.4"}));
  EXPECT_TRUE(std::is_sorted(attributes.begin(), attributes.end()));  // DER: by encoding
  EXPECT_NE(prep->signed_attributes.find(digest_), std::string::npos);

  auto p7s = prepare_cms(id_.certificate(), digest_,
                         {sys_days{year{2025} / 3 / 7} + hours{1} + minutes{2} + seconds{3}});
  ASSERT_TRUE(p7s);
  const auto with_time = attribute_encodings(p7s->signed_attributes);
  ASSERT_EQ(with_time.size(), 4u);
  EXPECT_TRUE(std::is_sorted(with_time.begin(), with_time.end()));
  // signing-time as UTCTime 250307010203Z.
  EXPECT_NE(p7s->signed_attributes.find("\x17\x0D"
                                        "250307010203Z"),
            std::string::npos);
}

TEST_F(CmsSignature, PreparationIsDeterministic) {
  const CmsOptions at{sys_days{year{2025} / 3 / 7}};
  auto a = prepare_cms(id_.certificate(), digest_, at);
  auto b = prepare_cms(id_.certificate(), digest_, at);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->signed_attributes, b->signed_attributes);
  EXPECT_EQ(a->digest_to_sign, b->digest_to_sign);
  auto c = prepare_cms(id_.certificate(), sha256("other content"), at);
  ASSERT_TRUE(c);
  EXPECT_NE(a->digest_to_sign, c->digest_to_sign);
}

TEST_F(CmsSignature, AnAssembledSignatureVerifiesWithOpensslCms) {
  auto prep = prepare_cms(id_.certificate(), digest_, {system_clock::now()});
  ASSERT_TRUE(prep);
  const std::string value = play_ca(id_.key(), prep->digest_to_sign);
  EXPECT_TRUE(signature_value_matches(id_.certificate(), prep->digest_to_sign, value));
  auto der = assemble_cms(*prep, id_.certificate(), id_.chain(), value);
  ASSERT_TRUE(der) << der.error().detail;

  // The default purpose (smime_sign) accepts the nonRepudiation + digitalSignature leaf with no
  // extendedKeyUsage; `-purpose any` is not needed.
  Ran verified = openssl_verify(*der);
  EXPECT_EQ(verified.status, 0) << verified.output;
  EXPECT_NE(verified.output.find("CMS Verification successful"), std::string::npos)
      << verified.output;

  Ran printed =
      run("openssl cms -cmsout -print -inform DER -in '" + (dir() / "x.p7s").string() + "'");
  EXPECT_NE(printed.output.find("eContent: <ABSENT>"), std::string::npos) << printed.output;
  EXPECT_NE(printed.output.find("eContentType: pkcs7-data"), std::string::npos);
  EXPECT_NE(printed.output.find("id-smime-aa-signingCertificateV2"), std::string::npos);
  EXPECT_NE(printed.output.find("signingTime"), std::string::npos);
  EXPECT_NE(printed.output.find("CN=lienthong-hub-signing"), std::string::npos);
  EXPECT_NE(printed.output.find("CN=Lien Thong Dev Intermediate CA"), std::string::npos);
  EXPECT_NE(printed.output.find("unsignedAttrs:\n          <ABSENT>"), std::string::npos);

  // Other content does not verify.
  content_ += "x";
  EXPECT_NE(openssl_verify(*der).status, 0);
}

TEST_F(CmsSignature, AssemblyFromTheStoredPreparationAloneGivesTheSameSignature) {
  auto prep = prepare_cms(id_.certificate(), digest_, {});
  ASSERT_TRUE(prep);
  const std::string value = play_ca(id_.key(), prep->digest_to_sign);
  auto first = assemble_cms(*prep, id_.certificate(), id_.chain(), value);
  ASSERT_TRUE(first);

  // "Storage": the attributes decoded and encoded again one by one, into a fresh preparation,
  // and a fresh load of the certificates.
  std::string body;
  for (const auto& a : attribute_encodings(prep->signed_attributes)) {
    const unsigned char* p = bytes(a);
    X509_ATTRIBUTE* attr = d2i_X509_ATTRIBUTE(nullptr, &p, static_cast<long>(a.size()));
    unsigned char* der = nullptr;
    const int len = i2d_X509_ATTRIBUTE(attr, &der);
    body.append(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    X509_ATTRIBUTE_free(attr);
  }
  const std::string stored = der_tlv(V_ASN1_SET, body);
  const CmsPreparation restored{stored, std::string(prep->digest_to_sign)};
  EXPECT_EQ(restored.signed_attributes, prep->signed_attributes);
  const SigningIdentity reloaded = identity("hub-signing");
  auto second = assemble_cms(restored, reloaded.certificate(), reloaded.chain(), value);
  ASSERT_TRUE(second) << second.error().detail;
  EXPECT_EQ(*second, *first);
  // The SignerInfo carries exactly the stored attributes, as [0] IMPLICIT.
  EXPECT_NE(second->find("\xA0" + prep->signed_attributes.substr(1)), std::string::npos);
  EXPECT_EQ(openssl_verify(*second).status, 0);
}

TEST_F(CmsSignature, AWrongSignatureValueIsRefused) {
  auto prep = prepare_cms(id_.certificate(), digest_, {});
  ASSERT_TRUE(prep);
  const std::string other = play_ca(id_.key(), sha256("another digest"));
  EXPECT_FALSE(signature_value_matches(id_.certificate(), prep->digest_to_sign, other));
  EXPECT_FALSE(signature_value_matches(id_.certificate(), prep->digest_to_sign, ""));
  EXPECT_FALSE(signature_value_matches(id_.certificate(), "short", other));
  auto der = assemble_cms(*prep, id_.certificate(), id_.chain(), other);
  ASSERT_FALSE(der);
  EXPECT_EQ(der.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(der.error().detail,
            "the signature value does not verify with the signer's public key over digest_to_sign");

  // Signed by another key (a CA mix-up between signers).
  const SigningIdentity client = identity("hub-client");
  const std::string by_other_key = play_ca(client.key(), prep->digest_to_sign);
  EXPECT_FALSE(signature_value_matches(id_.certificate(), prep->digest_to_sign, by_other_key));
}

TEST_F(CmsSignature, ADamagedOrForeignPreparationIsRefused) {
  auto prep = prepare_cms(id_.certificate(), digest_, {});
  ASSERT_TRUE(prep);
  const std::string value = play_ca(id_.key(), prep->digest_to_sign);
  auto detail = [&](const CmsPreparation& p, const X509* signer = nullptr) {
    auto der = assemble_cms(p, signer != nullptr ? signer : id_.certificate(), id_.chain(), value);
    EXPECT_FALSE(der);
    if (der) return std::string();
    EXPECT_EQ(der.error().kind, ProblemKind::kInternal);
    return der.error().detail;
  };

  CmsPreparation changed = *prep;
  changed.signed_attributes[changed.signed_attributes.find(digest_)] ^= 1;  // message-digest
  EXPECT_EQ(detail(changed),
            "the stored digest_to_sign is not the SHA-256 of the signed attributes");

  // The same attributes in another order: valid BER, not DER.
  auto attributes = attribute_encodings(prep->signed_attributes);
  std::reverse(attributes.begin(), attributes.end());
  CmsPreparation unsorted = *prep;
  std::size_t body = 0;
  for (const auto& a : attributes) body += a.size();
  unsorted.signed_attributes =
      prep->signed_attributes.substr(0, prep->signed_attributes.size() - body);
  for (const auto& a : attributes) unsorted.signed_attributes += a;
  EXPECT_EQ(detail(unsorted),
            "the stored signed attributes are not DER (re-encoding changes them)");

  CmsPreparation garbage = *prep;
  garbage.signed_attributes = "\x31\x05garbage";
  EXPECT_NE(detail(garbage).find("not a DER SET OF Attribute"), std::string::npos);
  garbage.signed_attributes = prep->signed_attributes + "x";
  EXPECT_NE(detail(garbage).find("not a DER SET OF Attribute"), std::string::npos);

  // Prepared for hub-signing, assembled for hub-client.
  const SigningIdentity client = identity("hub-client");
  EXPECT_EQ(detail(*prep, client.certificate()),
            "the signed attributes were prepared for another signer certificate (ESS "
            "signing-certificate-v2 does not match)");

  auto bad_digest = prepare_cms(id_.certificate(), "not 32 bytes", {});
  ASSERT_FALSE(bad_digest);
  EXPECT_NE(bad_digest.error().detail.find("32-byte SHA-256"), std::string::npos);
  EXPECT_FALSE(prepare_cms(nullptr, digest_, {}));
}

TEST_F(CmsSignature, ASignatureTimestampIsAddedAndVerifiesWithOpensslTs) {
  auto prep = prepare_cms(id_.certificate(), digest_, {});
  ASSERT_TRUE(prep);
  const std::string value = play_ca(id_.key(), prep->digest_to_sign);
  const std::string imprint = signature_timestamp_imprint(value);
  EXPECT_EQ(imprint, sha256(value));
  const std::string token = timestamp_token(imprint);
  ASSERT_FALSE(token.empty());

  auto der = assemble_cms(*prep, id_.certificate(), id_.chain(), value, token);
  ASSERT_TRUE(der) << der.error().detail;
  Ran verified = openssl_verify(*der);
  EXPECT_EQ(verified.status, 0) << verified.output;

  const std::string back = token_in(*der);
  EXPECT_EQ(back, token);
  write_file(dir() / "back.der", back);
  Ran ts =
      run("openssl ts -verify -digest " + hex(imprint) + " -in '" + (dir() / "back.der").string() +
          "' -token_in -CAfile '" + pki_file("root-ca.pem").string() + "' -untrusted '" +
          pki_file("intermediate-ca.pem").string() + "'");
  EXPECT_EQ(ts.status, 0) << ts.output;
  EXPECT_NE(ts.output.find("Verification: OK"), std::string::npos) << ts.output;

  // A token over something else is refused, as is one that is not a token.
  const std::string other = timestamp_token(sha256("another signature value"));
  auto wrong = assemble_cms(*prep, id_.certificate(), id_.chain(), value, other);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(wrong.error().detail, "the timestamp token does not stamp this signature value");
  auto junk = assemble_cms(*prep, id_.certificate(), id_.chain(), value, "junk");
  ASSERT_FALSE(junk);
  EXPECT_EQ(junk.error().detail, "the timestamp token is not one DER ContentInfo");
}

TEST_F(CmsSignature, AnEcdsaSignerWorksToo) {
  EVP_PKEY* raw_key = EVP_EC_gen("P-256");
  ASSERT_NE(raw_key, nullptr);
  EvpPkeyPtr key(raw_key);
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("ec-signer"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  ASSERT_GT(X509_sign(cert.get(), key.get(), EVP_sha256()), 0);

  auto prep = prepare_cms(cert.get(), digest_, {});
  ASSERT_TRUE(prep) << prep.error().detail;
  const std::string value = play_ca(key.get(), prep->digest_to_sign);
  EXPECT_TRUE(signature_value_matches(cert.get(), prep->digest_to_sign, value));
  auto der = assemble_cms(*prep, cert.get(), {}, value);
  ASSERT_TRUE(der) << der.error().detail;
  Ran verified = openssl_verify(*der, "-noverify");
  EXPECT_EQ(verified.status, 0) << verified.output;
}

}  // namespace
}  // namespace lienthong::security::signing
