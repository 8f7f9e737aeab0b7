#pragma once

#include <chrono>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/security/certificates/signing_identity.hpp"
#include "core/security/openssl_ptr.hpp"
#include "sandbox/kyso/ca_index.hpp"

namespace lienthong::sandbox::kyso {

/// Where the sandbox CA keeps what its responder needs (certs/gen-dev-pki.sh writes them all).
struct OcspResponderFiles {
  std::filesystem::path issuer_cert;     ///< the CA the responder answers for
  std::filesystem::path responder_cert;  ///< id-kp-OCSPSigning, issued by that CA (or the CA)
  std::filesystem::path responder_key;
  std::filesystem::path index;  ///< the CA's `openssl ca` database

  /// intermediate-ca.pem, ocsp-responder.pem, ocsp-responder-key.pem, intermediate-index.txt.
  static OcspResponderFiles in_dev_pki(const std::filesystem::path& dir);
};

struct OcspResponderOptions {
  std::chrono::seconds next_update{3600};  ///< nextUpdate = thisUpdate + this
  std::function<std::time_t()> clock;      ///< default: std::time(nullptr)
};

/// An OCSPResponse: its responseStatus (OCSP_RESPONSE_STATUS_*) and its DER encoding.
struct OcspReply {
  int status = 0;
  std::string der;
};

/// The sandbox CA's RFC 6960 responder, without HTTP: a DER OCSPRequest in, a signed DER
/// OCSPResponse out. Status comes from the CA index read at start-up: V and E (expired, never
/// revoked) answer good, R revoked with its time and reason; a serial not in the index, or a
/// CertID whose issuer hashes are not this CA's, answers unknown. The nonce is echoed.
/// Signed with SHA-256; ResponderID by key hash; the responder certificate is included.
/// Thread-safe (immutable after construction).
class OcspResponder {
 public:
  OcspResponder(security::X509Ptr issuer, security::SigningIdentity responder, CaIndex index,
                OcspResponderOptions options = {});

  /// Loads the files once; every problem found is reported, each naming its file.
  static Result<OcspResponder, config::ConfigErrors> load(const OcspResponderFiles& files,
                                                          OcspResponderOptions options = {});

  /// Answers one request. Undecodable or empty requests answer malformedRequest; an OpenSSL
  /// failure while signing answers internalError. Never throws.
  [[nodiscard]] OcspReply respond(std::string_view der_request) const;

  /// A response carrying only a non-successful status (malformedRequest, internalError...).
  static OcspReply status_only(int response_status);

  /// At most this many certificates per request; more answer malformedRequest.
  static constexpr int kMaxCertsPerRequest = 64;

 private:
  [[nodiscard]] std::time_t now() const;

  security::X509Ptr issuer_;
  security::SigningIdentity responder_;
  CaIndex index_;
  OcspResponderOptions options_;
};

}  // namespace lienthong::sandbox::kyso
