#include "core/security/signing/timestamp_reply.hpp"

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/x509v3.h>

#include <array>
#include <cctype>
#include <climits>
#include <ctime>
#include <memory>
#include <span>
#include <vector>

#include "core/security/signing/timestamp_ptr.hpp"

namespace lienthong::security::signing {
namespace {

using Clock = std::chrono::system_clock;

struct GeneralNamesDeleter {
  void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
};

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// PKIStatus names (RFC 3161 §2.4.2), by value.
constexpr std::array<const char*, 6> kStatusNames = {"granted",           "grantedWithMods",
                                                     "rejection",         "waiting",
                                                     "revocationWarning", "revocationNotification"};

// PKIFailureInfo bits (RFC 3161 §2.4.2).
struct FailureBit {
  int bit;
  const char* name;
};
constexpr std::array<FailureBit, 8> kFailureBits = {{
    {TS_INFO_BAD_ALG, "badAlg"},
    {TS_INFO_BAD_REQUEST, "badRequest"},
    {TS_INFO_BAD_DATA_FORMAT, "badDataFormat"},
    {TS_INFO_TIME_NOT_AVAILABLE, "timeNotAvailable"},
    {TS_INFO_UNACCEPTED_POLICY, "unacceptedPolicy"},
    {TS_INFO_UNACCEPTED_EXTENSION, "unacceptedExtension"},
    {TS_INFO_ADD_INFO_NOT_AVAILABLE, "addInfoNotAvailable"},
    {TS_INFO_SYSTEM_FAILURE, "systemFailure"},
}};

// The TSA's free text is the far side's words: kept short and printable before it reaches a log.
std::string printable(std::string_view text) {
  constexpr std::size_t kMaxText = 200;
  std::string out;
  for (const char c : text.substr(0, kMaxText)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f || c == '"') ? '?' : c;
  }
  if (text.size() > kMaxText) out += "...";
  return out;
}

// "status rejection, failure badAlg, text \"...\"" of a reply that grants nothing.
std::string describe_status(const TS_STATUS_INFO* info, long status) {
  std::string out = "TSA refused: status ";
  out += status >= 0 && static_cast<std::size_t>(status) < kStatusNames.size()
             ? kStatusNames[static_cast<std::size_t>(status)]
             : std::to_string(status);
  if (const ASN1_BIT_STRING* failure = TS_STATUS_INFO_get0_failure_info(info)) {
    std::string names;
    for (const auto& f : kFailureBits) {
      if (ASN1_BIT_STRING_get_bit(failure, f.bit) == 1) {
        names += (names.empty() ? "" : "|") + std::string(f.name);
      }
    }
    if (!names.empty()) out += ", failure " + names;
  }
  if (const STACK_OF(ASN1_UTF8STRING)* text = TS_STATUS_INFO_get0_text(info)) {
    std::string joined;
    for (int i = 0; i < sk_ASN1_UTF8STRING_num(text); ++i) {
      const ASN1_UTF8STRING* s = sk_ASN1_UTF8STRING_value(text, i);
      if (!joined.empty()) joined += "; ";
      joined.append(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                    static_cast<std::size_t>(ASN1_STRING_length(s)));
    }
    if (!joined.empty()) out += ", text \"" + printable(joined) + "\"";
  }
  return out;
}

// Version, imprint and nonce against the query as sent, by OpenSSL's TS_VERIFY_CTX (no
// signature yet: that is checked below, with the hub's TrustStore).
Result<void, std::string> check_against_query(TS_RESP* resp, const TimestampQuery& query) {
  const unsigned char* p = bytes(query.der);
  TsReqPtr req(query.der.size() <= static_cast<std::size_t>(INT_MAX)
                   ? d2i_TS_REQ(nullptr, &p, static_cast<long>(query.der.size()))
                   : nullptr);
  if (!req) {
    ERR_clear_error();
    return std::string("timestamp query does not decode");
  }
  TsVerifyCtxPtr ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
  if (!ctx) {
    ERR_clear_error();
    return std::string("timestamp query does not decode");
  }
  // TS_REQ_to_TS_VERIFY_CTX asks for every check the query allows (the nonce only if it has
  // one); keep those that need no signer.
  const int wanted = TS_VERIFY_CTX_add_flags(ctx.get(), 0) &
                     static_cast<int>(TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
  TS_VERIFY_CTX_set_flags(ctx.get(), wanted);
  ERR_clear_error();
  if (TS_RESP_verify_response(ctx.get(), resp) == 1) return {};
  std::string why = "timestamp token does not answer the query";
  while (const unsigned long e = ERR_get_error()) {
    if (ERR_GET_LIB(e) != ERR_LIB_TS) continue;
    switch (ERR_GET_REASON(e)) {
      case TS_R_UNSUPPORTED_VERSION:
        why = "timestamp token version is not 1";
        break;
      case TS_R_MESSAGE_IMPRINT_MISMATCH:
        why = "timestamp token is for another imprint";
        break;
      case TS_R_NONCE_MISMATCH:
        why = "timestamp token has another nonce";
        break;
      case TS_R_NONCE_NOT_RETURNED:
        why = "timestamp token has no nonce";
        break;
      default:
        break;
    }
  }
  ERR_clear_error();
  return why;
}

// genTime, a GeneralizedTime that may carry fractions of a second.
std::optional<Clock::time_point> gen_time_of(TS_TST_INFO* tst) {
  const ASN1_GENERALIZEDTIME* t = TS_TST_INFO_get_time(tst);
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  Clock::time_point when = Clock::from_time_t(timegm(&tm));
  const std::string_view text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t)),
                              static_cast<std::size_t>(ASN1_STRING_length(t)));
  if (const auto dot = text.find('.'); dot != std::string_view::npos) {
    int millis = 0;
    int digits = 0;
    for (std::size_t i = dot + 1; i < text.size() && digits < 3; ++i, ++digits) {
      if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) break;
      millis = millis * 10 + (text[i] - '0');
    }
    for (; digits < 3; ++digits) millis *= 10;
    when += std::chrono::milliseconds(millis);
  }
  return when;
}

// RFC 3161 §2.3: the TSA's certificate has one extended key usage, timeStamping, critical.
Result<void, std::string> check_time_stamping_usage(X509* signer) {
  const std::string prefix = "TSA certificate is not for time-stamping: ";
  const int at = X509_get_ext_by_NID(signer, NID_ext_key_usage, -1);
  if (at < 0) return prefix + "no extended key usage";
  if (X509_EXTENSION_get_critical(X509_get_ext(signer, at)) != 1) {
    return prefix + "extended key usage not critical";
  }
  if (X509_check_purpose(signer, X509_PURPOSE_TIMESTAMP_SIGN, 0) != 1) {
    ERR_clear_error();
    return prefix +
           "extended key usage must be timeStamping alone (key usage digitalSignature "
           "or nonRepudiation)";
  }
  return {};
}

// A signed attribute holding a DER SEQUENCE, decoded with `d2i`; `present` tells a missing
// attribute from one that does not decode.
template <class T, class D2i>
std::unique_ptr<T, TimestampDeleter> signed_attribute(PKCS7_SIGNER_INFO* si, int nid, D2i d2i,
                                                      bool& present) {
  const ASN1_TYPE* attr = PKCS7_get_signed_attribute(si, nid);
  present = attr != nullptr;
  if (attr == nullptr || attr->type != V_ASN1_SEQUENCE || attr->value.sequence == nullptr) {
    return nullptr;
  }
  const unsigned char* p = attr->value.sequence->data;
  return std::unique_ptr<T, TimestampDeleter>(d2i(nullptr, &p, attr->value.sequence->length));
}

// ESS signing-certificate(-v2) (RFC 2634 / RFC 5035): binds the signature to the signer's
// certificate. OpenSSL requires one of the two, the signer first; other certificates it lists
// must be among those we know (the token's and the caller's).
bool ess_names_signer(PKCS7_SIGNER_INFO* si, X509* signer, std::span<X509* const> known) {
  bool v1_present = false;
  bool v2_present = false;
  auto v1 = signed_attribute<ESS_SIGNING_CERT>(si, NID_id_smime_aa_signingCertificate,
                                               d2i_ESS_SIGNING_CERT, v1_present);
  auto v2 = signed_attribute<ESS_SIGNING_CERT_V2>(si, NID_id_smime_aa_signingCertificateV2,
                                                  d2i_ESS_SIGNING_CERT_V2, v2_present);
  if ((v1_present && !v1) || (v2_present && !v2)) return false;
  BorrowedX509Stack chain(sk_X509_new_null());
  if (!chain || sk_X509_push(chain.get(), signer) <= 0) return false;
  for (X509* c : known) sk_X509_push(chain.get(), c);
  const bool ok = OSSL_ESS_check_signing_certs(v1.get(), v2.get(), chain.get(), 1) > 0;
  ERR_clear_error();
  return ok;
}

// A TSA name in the TSTInfo (optional) must be the signer's subject or one of its alt names.
bool tsa_name_matches(TS_TST_INFO* tst, X509* signer) {
  const GENERAL_NAME* name = TS_TST_INFO_get_tsa(tst);
  if (name == nullptr) return true;
  if (name->type == GEN_DIRNAME &&
      X509_NAME_cmp(name->d.directoryName, X509_get_subject_name(signer)) == 0) {
    return true;
  }
  std::unique_ptr<GENERAL_NAMES, GeneralNamesDeleter> alt(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(signer, NID_subject_alt_name, nullptr, nullptr)));
  for (int i = 0; alt && i < sk_GENERAL_NAME_num(alt.get()); ++i) {
    if (GENERAL_NAME_cmp(const_cast<GENERAL_NAME*>(name), sk_GENERAL_NAME_value(alt.get(), i)) ==
        0) {
      return true;
    }
  }
  return false;
}

// The token's one signer, and its signature over the TSTInfo (what TS_RESP_verify_signature
// does, apart from the chain, which the TrustStore judges).
Result<X509*, std::string> verify_token_signature(PKCS7* token, STACK_OF(X509) * untrusted,
                                                  PKCS7_SIGNER_INFO*& si) {
  if (PKCS7_type_is_signed(token) == 0 || PKCS7_get_detached(token) != 0) {
    return std::string("timestamp token signature does not verify");
  }
  STACK_OF(PKCS7_SIGNER_INFO)* infos = PKCS7_get_signer_info(token);
  if (infos == nullptr || sk_PKCS7_SIGNER_INFO_num(infos) != 1) {
    return std::string("timestamp token must have exactly one signer");
  }
  si = sk_PKCS7_SIGNER_INFO_value(infos, 0);
  BorrowedX509Stack signers(PKCS7_get0_signers(token, untrusted, 0));
  if (!signers || sk_X509_num(signers.get()) != 1) {
    ERR_clear_error();
    return std::string("TSA certificate not found");
  }
  X509* signer = sk_X509_value(signers.get(), 0);
  BioChainPtr data(PKCS7_dataInit(token, nullptr));
  if (!data) {
    ERR_clear_error();
    return std::string("timestamp token signature does not verify");
  }
  std::array<char, 4096> buf{};
  while (BIO_read(data.get(), buf.data(), static_cast<int>(buf.size())) > 0) {
  }
  const int ok = PKCS7_signatureVerify(data.get(), token, si, signer);
  ERR_clear_error();
  if (ok <= 0) return std::string("timestamp token signature does not verify");
  return signer;
}

std::string der_of(PKCS7* token) {
  unsigned char* der = nullptr;
  const int len = i2d_PKCS7(token, &der);
  std::string out;
  if (len > 0) out.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

// Steps 4-6 of accept_timestamp_reply (signer, signature, TSA certificate, trust at genTime),
// shared with accept_timestamp_token; the token out.
Result<TimestampToken, std::string> accept_token(PKCS7* token, TS_TST_INFO* tst,
                                                 Clock::time_point gen_time,
                                                 const TrustStore& trust,
                                                 const Certificates& untrusted) {
  // Certificates that may be the signer or complete its chain: the token's, then the caller's.
  std::vector<X509*> known;
  if (STACK_OF(X509)* in_token = token->d.sign->cert) {
    for (int i = 0; i < sk_X509_num(in_token); ++i) known.push_back(sk_X509_value(in_token, i));
  }
  BorrowedX509Stack extra(sk_X509_new_null());
  if (!extra) return std::string("timestamp token signature does not verify");
  for (const auto& c : untrusted) {
    known.push_back(c.get());
    sk_X509_push(extra.get(), c.get());
  }

  PKCS7_SIGNER_INFO* si = nullptr;
  auto signer = verify_token_signature(token, extra.get(), si);
  if (!signer) return std::move(signer).error();
  if (auto usage = check_time_stamping_usage(*signer); !usage) return std::move(usage).error();
  if (!ess_names_signer(si, *signer, known)) {
    return std::string(
        "timestamp token signing-certificate attribute does not match the TSA certificate");
  }
  if (!tsa_name_matches(tst, *signer)) {
    return std::string("TSA name in the token is not the TSA certificate's");
  }
  if (auto trusted = trust.verify(*signer, known, Clock::to_time_t(gen_time)); !trusted) {
    return "TSA " + trusted.error();
  }

  TimestampToken out;
  out.der = der_of(token);
  if (out.der.empty()) return std::string("timestamp reply has no token");
  out.gen_time = gen_time;
  out.tsa_certificate = share(*signer);
  ERR_clear_error();
  return out;
}

}  // namespace

Result<TimestampToken, std::string> accept_timestamp_reply(std::string_view reply_der,
                                                           const TimestampQuery& query,
                                                           const TrustStore& trust,
                                                           const Certificates& untrusted,
                                                           const TimestampChecks& checks) {
  ERR_clear_error();
  const unsigned char* p = bytes(reply_der);
  TsRespPtr resp(reply_der.empty() || reply_der.size() > static_cast<std::size_t>(INT_MAX)
                     ? nullptr
                     : d2i_TS_RESP(nullptr, &p, static_cast<long>(reply_der.size())));
  if (!resp || p != bytes(reply_der) + reply_der.size()) {
    ERR_clear_error();
    return std::string("timestamp reply does not decode");
  }

  const TS_STATUS_INFO* info = TS_RESP_get_status_info(resp.get());
  const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(info));
  if (status != 0 && status != 1) return describe_status(info, status);
  PKCS7* token = TS_RESP_get_token(resp.get());
  TS_TST_INFO* tst = TS_RESP_get_tst_info(resp.get());
  if (token == nullptr || tst == nullptr) return std::string("timestamp reply has no token");

  if (auto answered = check_against_query(resp.get(), query); !answered) {
    return std::move(answered).error();
  }

  const auto gen_time = gen_time_of(tst);
  if (!gen_time) return std::string("timestamp genTime does not decode");
  const Clock::time_point now = checks.now.value_or(Clock::now());
  const auto off = std::chrono::duration_cast<std::chrono::seconds>(*gen_time - now);
  if (off > checks.max_clock_skew) {
    return "timestamp genTime is " + std::to_string(off.count()) + " s in the future";
  }
  if (-off > checks.max_clock_skew) {
    return "timestamp genTime is " + std::to_string(-off.count()) + " s in the past";
  }

  return accept_token(token, tst, *gen_time, trust, untrusted);
}

Result<TimestampToken, std::string> accept_timestamp_token(std::string_view token_der,
                                                           std::string_view stamped_data,
                                                           const TrustStore& trust,
                                                           const Certificates& untrusted) {
  ERR_clear_error();
  const unsigned char* p = bytes(token_der);
  std::unique_ptr<PKCS7, decltype(&PKCS7_free)> token(
      token_der.empty() || token_der.size() > static_cast<std::size_t>(INT_MAX)
          ? nullptr
          : d2i_PKCS7(nullptr, &p, static_cast<long>(token_der.size())),
      PKCS7_free);
  if (!token || p != bytes(token_der) + token_der.size()) {
    ERR_clear_error();
    return std::string("timestamp token does not decode");
  }
  std::unique_ptr<TS_TST_INFO, decltype(&TS_TST_INFO_free)> tst(
      PKCS7_type_is_signed(token.get()) != 0 ? PKCS7_to_TS_TST_INFO(token.get()) : nullptr,
      TS_TST_INFO_free);
  if (!tst) {
    ERR_clear_error();
    return std::string("timestamp token does not decode");
  }
  // Version and imprint (the hash of `stamped_data` by the token's own algorithm), by OpenSSL's
  // TS_VERIFY_CTX; the signature is checked below, with the TrustStore.
  TsVerifyCtxPtr ctx(TS_VERIFY_CTX_new());
  BIO* data = stamped_data.size() <= static_cast<std::size_t>(INT_MAX)
                  ? BIO_new_mem_buf(stamped_data.data(), static_cast<int>(stamped_data.size()))
                  : nullptr;
  if (!ctx || data == nullptr) {
    BIO_free(data);
    ERR_clear_error();
    return std::string("timestamp token does not decode");
  }
  TS_VERIFY_CTX_set_data(ctx.get(), data);  // owned by ctx from here
  TS_VERIFY_CTX_set_flags(ctx.get(), static_cast<int>(TS_VFY_VERSION | TS_VFY_DATA));
  ERR_clear_error();
  if (TS_RESP_verify_token(ctx.get(), token.get()) != 1) {
    std::string why = "timestamp token is for another imprint";
    while (const unsigned long e = ERR_get_error()) {
      if (ERR_GET_LIB(e) == ERR_LIB_TS && ERR_GET_REASON(e) == TS_R_UNSUPPORTED_VERSION) {
        why = "timestamp token version is not 1";
      }
    }
    ERR_clear_error();
    return why;
  }
  const auto gen_time = gen_time_of(tst.get());
  if (!gen_time) return std::string("timestamp genTime does not decode");
  return accept_token(token.get(), tst.get(), *gen_time, trust, untrusted);
}

}  // namespace lienthong::security::signing
