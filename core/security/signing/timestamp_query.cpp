#include "core/security/signing/timestamp_query.hpp"

#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/rand.h>

#include <array>

#include "core/security/signing/timestamp_ptr.hpp"

namespace lienthong::security::signing {
namespace {

constexpr std::size_t kSha256Bytes = 32;
constexpr std::size_t kPickedNonceBytes = 8;
constexpr std::size_t kMaxNonceBytes = 32;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// The TimeStampReq as OpenSSL's `openssl ts -query -sha256 -cert` writes it: the hash algorithm
// with NULL parameters, the nonce as a positive INTEGER.
TsReqPtr build_request(std::string_view imprint, std::string_view nonce) {
  TsReqPtr req(TS_REQ_new());
  TsMsgImprintPtr msg(TS_MSG_IMPRINT_new());
  X509AlgorPtr algo(X509_ALGOR_new());
  BignumPtr bn(BN_bin2bn(bytes(nonce), static_cast<int>(nonce.size()), nullptr));
  if (!req || !msg || !algo || !bn) return nullptr;
  Asn1IntegerPtr nonce_int(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  if (!nonce_int ||
      X509_ALGOR_set0(algo.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1 ||
      TS_MSG_IMPRINT_set_algo(msg.get(), algo.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(msg.get(), const_cast<unsigned char*>(bytes(imprint)),
                             static_cast<int>(imprint.size())) != 1 ||
      TS_REQ_set_version(req.get(), 1) != 1 || TS_REQ_set_msg_imprint(req.get(), msg.get()) != 1 ||
      TS_REQ_set_nonce(req.get(), nonce_int.get()) != 1 || TS_REQ_set_cert_req(req.get(), 1) != 1) {
    return nullptr;
  }
  return req;
}

}  // namespace

Result<TimestampQuery, std::string> make_timestamp_query(std::string_view imprint_sha256,
                                                         std::string_view nonce) {
  if (imprint_sha256.size() != kSha256Bytes) {
    return "imprint must be 32 bytes of SHA-256, got " + std::to_string(imprint_sha256.size());
  }
  if (nonce.size() > kMaxNonceBytes) return std::string("nonce longer than 32 bytes");
  TimestampQuery query;
  query.imprint = std::string(imprint_sha256);
  if (nonce.empty()) {
    std::array<unsigned char, kPickedNonceBytes> picked{};
    if (RAND_bytes(picked.data(), static_cast<int>(picked.size())) != 1) {
      ERR_clear_error();
      return std::string("cannot build the timestamp query: no random nonce");
    }
    query.nonce.assign(reinterpret_cast<const char*>(picked.data()), picked.size());
  } else {
    query.nonce = std::string(nonce);
  }

  TsReqPtr req = build_request(query.imprint, query.nonce);
  unsigned char* der = nullptr;
  const int len = req ? i2d_TS_REQ(req.get(), &der) : -1;
  if (len <= 0) {
    OPENSSL_free(der);
    ERR_clear_error();
    return std::string("cannot build the timestamp query");
  }
  query.der.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return query;
}

}  // namespace lienthong::security::signing
