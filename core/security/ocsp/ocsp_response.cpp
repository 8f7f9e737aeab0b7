#include "core/security/ocsp/ocsp_response.hpp"

#include <openssl/err.h>

#include <climits>

namespace lienthong::security {
namespace {

OcspError bad(std::string detail, const OcspRequest& request) {
  return OcspError{OcspErrorKind::kBadResponse, std::move(detail), request.serial};
}

// OpenSSL's last reason, with its detail ("Verify error:certificate has expired").
std::string openssl_reason() {
  const char* data = nullptr;
  int flags = 0;
  const unsigned long code = ERR_peek_last_error_data(&data, &flags);
  const char* text = code != 0 ? ERR_reason_error_string(code) : nullptr;
  std::string out = text != nullptr ? text : (code != 0 ? "OpenSSL error" : "no reason given");
  if (data != nullptr && (flags & ERR_TXT_STRING) != 0 && *data != '\0') {
    out += std::string(" (") + data + ")";
  }
  ERR_clear_error();
  return out;
}

std::optional<std::time_t> to_time(const ASN1_GENERALIZEDTIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return ::timegm(&tm);
}

// The answer must verify against a store of our anchors at `now` (the injected clock), not
// OpenSSL's idea of the current time.
X509StorePtr make_store(const OcspResponseCheck& check) {
  X509StorePtr store(X509_STORE_new());
  if (!store) return nullptr;
  for (X509* anchor : check.trust_anchors) X509_STORE_add_cert(store.get(), anchor);
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()), check.now);
  return store;
}

}  // namespace

OcspOutcome evaluate_ocsp_response(std::string_view der, const OcspRequest& request,
                                   const OcspResponseCheck& check) {
  ERR_clear_error();
  if (der.empty() || der.size() > static_cast<std::size_t>(INT_MAX)) {
    return bad("empty or oversized OCSP response", request);
  }
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
  if (!response || p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    ERR_clear_error();
    return bad("not a DER OCSPResponse", request);
  }
  const int status = OCSP_response_status(response.get());
  if (status != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    return OcspError{OcspErrorKind::kRefused,
                     std::string("responder answered ") + OCSP_response_status_str(status),
                     request.serial};
  }
  OcspBasicResponsePtr basic(OCSP_response_get1_basic(response.get()));
  if (!basic) {
    ERR_clear_error();
    return bad("not a basic OCSP response", request);
  }

  X509StorePtr store = make_store(check);
  X509StackPtr untrusted(sk_X509_new_null());
  if (!store || !untrusted) return bad("out of memory", request);
  if (check.issuer != nullptr) sk_X509_push(untrusted.get(), check.issuer);
  for (X509* c : check.untrusted) sk_X509_push(untrusted.get(), c);
  // Flags 0: the signer's chain must reach an anchor, and the signer must be the issuer or a
  // certificate with id-kp-OCSPSigning that the issuer issued (OpenSSL's ocsp_check_issuer);
  // any other signer needs an anchor explicitly trusted for OCSP signing, which ours are not.
  if (OCSP_basic_verify(basic.get(), untrusted.get(), store.get(), 0) != 1) {
    return bad("signature not trusted: " + openssl_reason(), request);
  }

  // 1 equal, 2 neither has one, 3 only the response, -1 the responder did not echo ours
  // (RFC 5019 responders may answer from a pre-produced cache), 0 they differ: a replay.
  if (request.request && OCSP_check_nonce(request.request.get(), basic.get()) == 0) {
    ERR_clear_error();
    return bad("nonce does not match the request (replayed answer?)", request);
  }

  int cert_status = -1;
  int reason = -1;
  ASN1_GENERALIZEDTIME* revoked_at = nullptr;
  ASN1_GENERALIZEDTIME* this_update = nullptr;
  ASN1_GENERALIZEDTIME* next_update = nullptr;
  if (OCSP_resp_find_status(basic.get(), request.cert_id.get(), &cert_status, &reason, &revoked_at,
                            &this_update, &next_update) != 1) {
    ERR_clear_error();
    return bad("the response is not about the certificate asked about (no matching CertID)",
               request);
  }

  OcspAnswer answer;
  answer.serial = request.serial;
  const auto this_t = to_time(this_update);
  if (!this_t) return bad("thisUpdate is not a valid time", request);
  answer.this_update = *this_t;
  if (next_update != nullptr) {
    answer.next_update = to_time(next_update);
    if (!answer.next_update) return bad("nextUpdate is not a valid time", request);
  }
  const std::time_t skew = check.clock_skew.count();
  if (answer.this_update > check.now + skew) {
    return bad("thisUpdate " + format_utc(answer.this_update) + " is in the future", request);
  }
  if (answer.next_update) {
    if (*answer.next_update < answer.this_update) {
      return bad("nextUpdate is before thisUpdate", request);
    }
    if (*answer.next_update < check.now - skew) {
      return bad("stale answer: nextUpdate " + format_utc(*answer.next_update) + " has passed",
                 request);
    }
  } else if (answer.this_update < check.now - check.max_age.count()) {
    return bad("stale answer: thisUpdate " + format_utc(answer.this_update) +
                   " is too old and no nextUpdate is given",
               request);
  }

  switch (cert_status) {
    case V_OCSP_CERTSTATUS_GOOD:
      answer.status = CertStatus::kGood;
      break;
    case V_OCSP_CERTSTATUS_REVOKED:
      answer.status = CertStatus::kRevoked;
      answer.revoked_at = to_time(revoked_at);
      if (!answer.revoked_at) return bad("revocationTime is not a valid time", request);
      if (reason >= 0) answer.reason = reason;
      break;
    default:
      answer.status = CertStatus::kUnknown;
      break;
  }
  return answer;
}

}  // namespace lienthong::security
