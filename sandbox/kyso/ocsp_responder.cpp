#include "sandbox/kyso/ocsp_responder.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>

#include <climits>

#include "core/security/certificates/certificates.hpp"
#include "core/security/ocsp/ocsp_ptr.hpp"

namespace lienthong::sandbox::kyso {
namespace {

using security::Asn1TimePtr;
using security::OcspBasicResponsePtr;
using security::OcspCertIdPtr;
using security::OcspRequestPtr;
using security::OcspResponsePtr;

std::string integer_hex(const ASN1_INTEGER* serial) {
  BIGNUM* bn = serial != nullptr ? ASN1_INTEGER_to_BN(serial, nullptr) : nullptr;
  if (bn == nullptr) return {};
  char* text = BN_bn2hex(bn);
  std::string out = text != nullptr ? text : "";
  OPENSSL_free(text);
  BN_free(bn);
  return out;
}

OcspReply encode(int status, OCSP_BASICRESP* basic) {
  OcspResponsePtr response(OCSP_response_create(status, basic));
  unsigned char* der = nullptr;
  const int len = response ? i2d_OCSP_RESPONSE(response.get(), &der) : -1;
  OcspReply reply{status, {}};
  if (len > 0) reply.der.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  ERR_clear_error();
  return reply;
}

}  // namespace

OcspResponderFiles OcspResponderFiles::in_dev_pki(const std::filesystem::path& dir) {
  return {dir / "intermediate-ca.pem", dir / "ocsp-responder.pem", dir / "ocsp-responder-key.pem",
          dir / "intermediate-index.txt"};
}

OcspResponder::OcspResponder(security::X509Ptr issuer, security::SigningIdentity responder,
                             CaIndex index, OcspResponderOptions options)
    : issuer_(std::move(issuer)),
      responder_(std::move(responder)),
      index_(std::move(index)),
      options_(std::move(options)) {}

Result<OcspResponder, config::ConfigErrors> OcspResponder::load(const OcspResponderFiles& files,
                                                                OcspResponderOptions options) {
  config::ConfigErrors errors;
  auto issuer = security::load_certificates(files.issuer_cert);
  if (!issuer) errors.push_back(issuer.error());
  auto responder = security::SigningIdentity::load_pem(files.responder_key, files.responder_cert);
  if (!responder) errors.push_back(responder.error());
  auto index = CaIndex::load(files.index);
  if (!index) errors.push_back(index.error());
  if (!errors.empty()) return errors;
  return OcspResponder(std::move(issuer->front()), std::move(*responder), std::move(*index),
                       std::move(options));
}

std::time_t OcspResponder::now() const {
  return options_.clock ? options_.clock() : std::time(nullptr);
}

OcspReply OcspResponder::status_only(int response_status) {
  return encode(response_status, nullptr);
}

OcspReply OcspResponder::respond(std::string_view der_request) const {
  ERR_clear_error();
  if (der_request.empty() || der_request.size() > static_cast<std::size_t>(INT_MAX)) {
    return status_only(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
  }
  const auto* p = reinterpret_cast<const unsigned char*>(der_request.data());
  const auto* end = p + der_request.size();
  OcspRequestPtr request(d2i_OCSP_REQUEST(nullptr, &p, static_cast<long>(der_request.size())));
  const int count = request ? OCSP_request_onereq_count(request.get()) : 0;
  if (!request || p != end || count <= 0 || count > kMaxCertsPerRequest) {
    ERR_clear_error();
    return status_only(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
  }

  const std::time_t at = now();
  OcspBasicResponsePtr basic(OCSP_BASICRESP_new());
  Asn1TimePtr this_update(ASN1_TIME_set(nullptr, at));
  Asn1TimePtr next_update(ASN1_TIME_set(nullptr, at + options_.next_update.count()));
  if (!basic || !this_update || !next_update) {
    return status_only(OCSP_RESPONSE_STATUS_INTERNALERROR);
  }

  for (int i = 0; i < count; ++i) {
    OCSP_CERTID* id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), i));
    ASN1_OBJECT* hash_oid = nullptr;
    ASN1_INTEGER* serial = nullptr;
    OCSP_id_get0_info(nullptr, &hash_oid, nullptr, &serial, id);

    int status = V_OCSP_CERTSTATUS_UNKNOWN;
    int reason = OCSP_REVOKED_STATUS_NOSTATUS;
    Asn1TimePtr revoked_at;
    // Our CertID computed with the request's hash algorithm, so SHA-1 and SHA-256 both work.
    const EVP_MD* md = hash_oid != nullptr ? EVP_get_digestbyobj(hash_oid) : nullptr;
    OcspCertIdPtr ours(md != nullptr ? OCSP_cert_to_id(md, nullptr, issuer_.get()) : nullptr);
    if (ours && OCSP_id_issuer_cmp(ours.get(), id) == 0) {
      if (const CaIndexEntry* entry = index_.find(integer_hex(serial))) {
        if (entry->status == IndexStatus::kRevoked) {
          status = V_OCSP_CERTSTATUS_REVOKED;
          revoked_at.reset(ASN1_TIME_set(nullptr, entry->revoked_at.value_or(0)));
          reason = entry->reason.value_or(OCSP_REVOKED_STATUS_NOSTATUS);
        } else {
          status = V_OCSP_CERTSTATUS_GOOD;
        }
      }
    }
    if (OCSP_basic_add1_status(basic.get(), id, status, reason, revoked_at.get(), this_update.get(),
                               next_update.get()) == nullptr) {
      return status_only(OCSP_RESPONSE_STATUS_INTERNALERROR);
    }
  }

  if (OCSP_copy_nonce(basic.get(), request.get()) <= 0 ||
      OCSP_basic_sign(basic.get(), responder_.certificate(), responder_.key(), EVP_sha256(),
                      nullptr, OCSP_RESPID_KEY) != 1) {
    return status_only(OCSP_RESPONSE_STATUS_INTERNALERROR);
  }
  return encode(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get());
}

}  // namespace lienthong::sandbox::kyso
