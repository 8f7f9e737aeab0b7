#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/security/certificates/signing_identity.hpp"

namespace lienthong::sandbox::kyso {

/// The sandbox CA's TSA certificate (id-kp-timeStamping, critical; issued by the intermediate)
/// with its chain, and its key: tsa-chain.pem and tsa-key.pem of certs/gen-dev-pki.sh.
struct TsaFiles {
  std::filesystem::path certificate_chain;
  std::filesystem::path key;
  static TsaFiles in_dev_pki(const std::filesystem::path& dir);
};

/// A TimeStampResp: its PKIStatus (0 granted, 2 rejection...) and its DER encoding; status -1
/// and no DER when OpenSSL failed to make any.
struct TsaReply {
  long status = 0;
  std::string der;
};

/// The sandbox CA's RFC 3161 time-stamp authority, without HTTP: a DER TimeStampReq in, a signed
/// DER TimeStampResp out — OpenSSL's TS_RESP_CTX does the protocol (no hand-written ASN.1).
/// Accepts SHA-256, SHA-384 and SHA-512 imprints; policy kPolicy unless the request names it
/// (another policy is rejected); a unique serial per token; accuracy 1 s; the nonce echoed; the
/// signing certificate as ESS signing-certificate-v2 (SHA-256), the TSA's name and, when asked
/// (`certReq`), the certificate and its chain in the token. `openssl ts -verify` accepts what it
/// issues. Thread-safe (one OpenSSL context per request; the serial is atomic).
class TimeStampAuthority {
 public:
  /// The TSA policy of the sandbox (an OID under the ITU example arc 2.999).
  static constexpr const char* kPolicy = "2.999.10.3161.1";

  explicit TimeStampAuthority(security::SigningIdentity identity);
  static Result<TimeStampAuthority, config::ConfigError> load(const TsaFiles& files);

  /// Answers one request; a request that does not decode, or asks for another digest or
  /// policy, gets a rejection (PKIStatus 2) with its failure info. Never throws.
  [[nodiscard]] TsaReply respond(std::string_view der_request) const;

 private:
  security::SigningIdentity identity_;
  std::shared_ptr<std::atomic<long>> serial_;
};

}  // namespace lienthong::sandbox::kyso
