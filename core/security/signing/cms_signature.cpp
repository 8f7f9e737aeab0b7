#include "core/security/signing/cms_signature.hpp"

#include <openssl/asn1t.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/pkcs7.h>
#include <openssl/rsa.h>
#include <openssl/ts.h>

#include <memory>
#include <vector>

namespace lienthong::security::signing {

namespace {

// The signed attributes as they are hashed (RFC 5652 §5.4: the DER of the SET OF, tag 0x31,
// not the [0] IMPLICIT form inside SignerInfo). OpenSSL has exactly this item but keeps it
// private (CMS_Attributes_Sign in crypto/cms/cms_asn1.c), so it is declared again here with the
// public template macros. ASN1_TFLG_SET_ORDER makes OpenSSL's encoder sort the elements by their
// encodings (DER's rule for SET OF), so nothing is sorted by hand.
ASN1_ITEM_TEMPLATE(LtCmsSignedAttributes) = ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SET_ORDER, 0,
                                                                  LtCmsSignedAttributes,
                                                                  X509_ATTRIBUTE)
    ASN1_ITEM_TEMPLATE_END(LtCmsSignedAttributes)

        struct Free {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(PKCS7* p) const { PKCS7_free(p); }
  void operator()(TS_TST_INFO* p) const { TS_TST_INFO_free(p); }
  void operator()(ESS_SIGNING_CERT_V2* p) const { ESS_SIGNING_CERT_V2_free(p); }
  void operator()(STACK_OF(X509_ATTRIBUTE) * p) const {
    sk_X509_ATTRIBUTE_pop_free(p, X509_ATTRIBUTE_free);
  }
  void operator()(STACK_OF(X509) * p) const { sk_X509_free(p); }  // borrowed certificates
  void operator()(ASN1_TIME* p) const { ASN1_TIME_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Free>;

constexpr std::size_t kSha256Size = 32;

// `what`, with OpenSSL's last reason when it left one; the thread's error queue is emptied so
// that nothing stale reaches the next OpenSSL user on this thread.
Problem openssl_error(std::string what) {
  if (const unsigned long e = ERR_peek_last_error(); e != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    what += " (";
    what += buf;
    what += ')';
  }
  ERR_clear_error();
  return Problem::make(ProblemKind::kInternal, std::move(what));
}

Problem internal(std::string what) {
  return Problem::make(ProblemKind::kInternal, std::move(what));
}
Problem upstream(std::string what) {
  return Problem::make(ProblemKind::kUpstreamError, std::move(what));
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) {
    ERR_clear_error();
    return {};
  }
  return {reinterpret_cast<const char*>(out), len};
}

// The signer's public key, when it is of a kind this module signs with.
EVP_PKEY* signer_key(const X509* signer) {
  EVP_PKEY* key = signer != nullptr ? X509_get0_pubkey(signer) : nullptr;
  if (key == nullptr) return nullptr;
  return EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "EC") ? key : nullptr;
}

// A partial, detached SignedData with one SignerInfo for `signer`, which carries the public
// key: CMS_add1_signer only checks that key and certificate match, and nothing here signs.
struct Skeleton {
  Owned<CMS_ContentInfo> cms;
  CMS_SignerInfo* signer_info = nullptr;
};

Result<Skeleton> skeleton(const X509* signer, unsigned int signer_flags) {
  EVP_PKEY* key = signer_key(signer);
  if (key == nullptr) {
    return Problem::make(ProblemKind::kInvalid,
                         "the signer certificate's key is neither RSA nor EC");
  }
  Skeleton s;
  s.cms.reset(
      CMS_sign(nullptr, nullptr, nullptr, nullptr, CMS_PARTIAL | CMS_DETACHED | CMS_BINARY));
  if (!s.cms) return openssl_error("CMS_sign failed");
  // CMS_add1_signer takes non-const pointers but only reads the certificate (and up-refs it).
  s.signer_info = CMS_add1_signer(s.cms.get(), const_cast<X509*>(signer), key, EVP_sha256(),
                                  CMS_PARTIAL | CMS_BINARY | signer_flags);
  if (s.signer_info == nullptr) return openssl_error("CMS_add1_signer failed");
  return s;
}

// DER of the SignerInfo's signed attributes as hashed.
Result<std::string> encode_signed_attributes(CMS_SignerInfo* si) {
  // A stack of borrowed pointers: the encoder reorders it, not the SignerInfo's own.
  std::unique_ptr<STACK_OF(X509_ATTRIBUTE), void (*)(STACK_OF(X509_ATTRIBUTE)*)> view(
      sk_X509_ATTRIBUTE_new_null(),
      [](STACK_OF(X509_ATTRIBUTE) * p) { sk_X509_ATTRIBUTE_free(p); });
  if (!view) return openssl_error("out of memory");
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    if (sk_X509_ATTRIBUTE_push(view.get(), CMS_signed_get_attr(si, i)) <= 0) {
      return openssl_error("out of memory");
    }
  }
  unsigned char* der = nullptr;
  const int len = ASN1_item_i2d(reinterpret_cast<const ASN1_VALUE*>(view.get()), &der,
                                LtCmsSignedAttributes_it());
  if (len <= 0 || der == nullptr) return openssl_error("encoding the signed attributes failed");
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

// The signing-certificate-v2 attribute names `signer` (its SHA-256 hash and issuer/serial).
bool names_signer(CMS_SignerInfo* si, const X509* signer) {
  auto* seq = static_cast<ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
  if (seq == nullptr) {
    ERR_clear_error();
    return false;
  }
  const unsigned char* p = ASN1_STRING_get0_data(seq);
  Owned<ESS_SIGNING_CERT_V2> ess(d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ASN1_STRING_length(seq)));
  Owned<STACK_OF(X509)> chain(sk_X509_new_null());
  const bool ok = ess && chain && sk_X509_push(chain.get(), const_cast<X509*>(signer)) > 0 &&
                  OSSL_ESS_check_signing_certs(nullptr, ess.get(), chain.get(), 1) == 1;
  ERR_clear_error();
  return ok;
}

// The token is an RFC 3161 TimeStampToken whose imprint is the hash of the signature value.
Result<void> check_timestamp_token(std::string_view token, std::string_view signature_value) {
  const unsigned char* p = bytes(token);
  Owned<PKCS7> p7(d2i_PKCS7(nullptr, &p, static_cast<long>(token.size())));
  if (!p7 || p != bytes(token) + token.size()) {
    ERR_clear_error();
    return upstream("the timestamp token is not one DER ContentInfo");
  }
  Owned<TS_TST_INFO> info(PKCS7_to_TS_TST_INFO(p7.get()));
  if (!info) {
    ERR_clear_error();
    return upstream("the timestamp token holds no RFC 3161 TSTInfo");
  }
  TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(info.get());
  const ASN1_OBJECT* algorithm = nullptr;
  X509_ALGOR_get0(&algorithm, nullptr, nullptr, TS_MSG_IMPRINT_get_algo(imprint));
  const EVP_MD* md = EVP_get_digestbyobj(algorithm);
  ASN1_OCTET_STRING* stamped = TS_MSG_IMPRINT_get_msg(imprint);
  if (md == nullptr) {
    ERR_clear_error();
    return upstream("the timestamp token's imprint algorithm is unknown");
  }
  const std::string expected = digest(md, signature_value);
  if (expected.empty() ||
      std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(stamped)),
                       static_cast<std::size_t>(ASN1_STRING_length(stamped))) != expected) {
    return upstream("the timestamp token does not stamp this signature value");
  }
  return {};
}

}  // namespace

Result<CmsPreparation> prepare_cms(const X509* signer, std::string_view content_sha256,
                                   const CmsOptions& options) {
  if (signer == nullptr) return internal("no signer certificate");
  if (content_sha256.size() != kSha256Size) {
    return internal("the content digest must be a raw 32-byte SHA-256, not " +
                    std::to_string(content_sha256.size()) + " bytes");
  }
  // CMS_CADES: OpenSSL adds ESS signing-certificate-v2 itself; no S/MIME capabilities.
  auto s = skeleton(signer, CMS_NOSMIMECAP | CMS_CADES);
  if (!s) return std::move(s).error();
  CMS_SignerInfo* si = s->signer_info;
  if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                  OBJ_nid2obj(NID_pkcs7_data), -1) <= 0 ||
      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                  bytes(content_sha256),
                                  static_cast<int>(content_sha256.size())) <= 0) {
    return openssl_error("adding the signed attributes failed");
  }
  if (options.signing_time) {
    // UTCTime up to 2049, GeneralizedTime after (RFC 5652 §11.3), as ASN1_TIME_set chooses.
    Owned<ASN1_TIME> t(
        ASN1_TIME_set(nullptr, std::chrono::system_clock::to_time_t(*options.signing_time)));
    if (!t || CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t.get(), -1) <= 0) {
      return openssl_error("adding the signing-time attribute failed");
    }
  }
  auto der = encode_signed_attributes(si);
  if (!der) return std::move(der).error();
  CmsPreparation out;
  out.digest_to_sign = digest(EVP_sha256(), *der);
  if (out.digest_to_sign.empty()) return internal("SHA-256 failed");
  out.signed_attributes = std::move(*der);
  return out;
}

bool signature_value_matches(const X509* signer, std::string_view digest_to_sign,
                             std::string_view signature_value) {
  EVP_PKEY* key = signer_key(signer);
  if (key == nullptr || digest_to_sign.size() != kSha256Size || signature_value.empty()) {
    return false;
  }
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new(key, nullptr));
  bool ok = ctx && EVP_PKEY_verify_init(ctx.get()) == 1 &&
            (!EVP_PKEY_is_a(key, "RSA") ||
             EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) == 1) &&
            EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) == 1 &&
            EVP_PKEY_verify(ctx.get(), bytes(signature_value), signature_value.size(),
                            bytes(digest_to_sign), digest_to_sign.size()) == 1;
  ERR_clear_error();
  return ok;
}

Result<std::string> assemble_cms(const CmsPreparation& preparation, const X509* signer,
                                 const Certificates& chain, std::string_view signature_value,
                                 std::string_view timestamp_token) {
  if (signer == nullptr) return internal("no signer certificate");
  if (preparation.digest_to_sign.size() != kSha256Size) {
    return internal("the stored digest_to_sign is not a 32-byte SHA-256");
  }
  const std::string_view stored = preparation.signed_attributes;
  const unsigned char* p = bytes(stored);
  Owned<STACK_OF(X509_ATTRIBUTE)> attributes(reinterpret_cast<STACK_OF(X509_ATTRIBUTE)*>(
      ASN1_item_d2i(nullptr, &p, static_cast<long>(stored.size()), LtCmsSignedAttributes_it())));
  if (!attributes || p != bytes(stored) + stored.size()) {
    return openssl_error("the stored signed attributes are not a DER SET OF Attribute");
  }

  // A SignerInfo with no attributes of its own, then exactly the stored ones.
  auto s = skeleton(signer, CMS_NOATTR);
  if (!s) return std::move(s).error();
  CMS_SignerInfo* si = s->signer_info;
  for (int i = 0; i < sk_X509_ATTRIBUTE_num(attributes.get()); ++i) {
    if (CMS_signed_add1_attr(si, sk_X509_ATTRIBUTE_value(attributes.get(), i)) <= 0) {
      return openssl_error("restoring the signed attributes failed");
    }
  }
  auto reencoded = encode_signed_attributes(si);
  if (!reencoded) return std::move(reencoded).error();
  if (*reencoded != stored) {
    return internal("the stored signed attributes are not DER (re-encoding changes them)");
  }
  if (digest(EVP_sha256(), *reencoded) != preparation.digest_to_sign) {
    return internal("the stored digest_to_sign is not the SHA-256 of the signed attributes");
  }
  if (!names_signer(si, signer)) {
    return internal(
        "the signed attributes were prepared for another signer certificate (ESS "
        "signing-certificate-v2 does not match)");
  }
  if (!signature_value_matches(signer, preparation.digest_to_sign, signature_value)) {
    return upstream(
        "the signature value does not verify with the signer's public key over digest_to_sign");
  }
  if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature_value.data(),
                      static_cast<int>(signature_value.size())) != 1) {
    return openssl_error("setting the signature value failed");
  }

  std::vector<const X509*> present{signer};
  for (const auto& cert : chain) {
    if (!cert) continue;
    bool duplicate = false;
    for (const X509* seen : present) duplicate = duplicate || X509_cmp(seen, cert.get()) == 0;
    if (duplicate) continue;
    if (CMS_add1_cert(s->cms.get(), cert.get()) != 1) {
      return openssl_error("adding a chain certificate failed");
    }
    present.push_back(cert.get());
  }

  if (!timestamp_token.empty()) {
    auto checked = check_timestamp_token(timestamp_token, signature_value);
    if (!checked) return std::move(checked).error();
    // V_ASN1_SEQUENCE with a length: the bytes are the complete encoding of the value.
    if (CMS_unsigned_add1_attr_by_OBJ(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken),
                                      V_ASN1_SEQUENCE, bytes(timestamp_token),
                                      static_cast<int>(timestamp_token.size())) <= 0) {
      return openssl_error("adding the timestamp token failed");
    }
  }

  // i2d, not CMS_final: finalising would try to digest content and sign with the key.
  unsigned char* der = nullptr;
  const int len = i2d_CMS_ContentInfo(s->cms.get(), &der);
  if (len <= 0 || der == nullptr) return openssl_error("encoding the CMS failed");
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string signature_timestamp_imprint(std::string_view signature_value) {
  return digest(EVP_sha256(), signature_value);
}

}  // namespace lienthong::security::signing
