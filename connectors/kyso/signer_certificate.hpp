#pragma once

#include <boost/asio/awaitable.hpp>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/ocsp/ocsp_checker.hpp"
#include "core/security/ocsp/ocsp_policy.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::connectors::kyso {

/// One certificate of a signer as the CA lists it (`credentials/get_certificate`), decoded.
struct SignerCertificate {
  std::string cert_id;
  std::string serial_number;  ///< as the CA wrote it (hex)
  std::string ca_status;      ///< the CA's own word (VALID, REVOKED...): shown, never trusted
  security::X509Ptr certificate;
  security::Certificates chain;  ///< chain_data: the CA certificate, then the root
};

/// The certificates of `data` (the CA's answer); kUpstreamError when one does not decode.
Result<std::vector<SignerCertificate>> read_signer_certificates(const nlohmann::json& data);

/// The index of the one to sign with: the one with `serial` (case-insensitive hex) when given,
/// else the first. kUpstreamNotFound when there is none.
Result<std::size_t> choose_certificate(const std::vector<SignerCertificate>& certs,
                                       std::string_view serial);

/// What the hub itself concluded about a signer certificate.
enum class Standing {
  kValid,
  kRevoked,
  kExpired,
  kNotYetValid,
  kUntrusted,
  kUnknown,  ///< OCSP could not vouch for it (unreachable, unknown) under hard-fail
};
std::string_view to_string(Standing standing);

struct Verdict {
  Standing standing = Standing::kUnknown;
  std::string reason;  ///< empty when valid; serials and OCSP words only, no personal data
};

/// How the hub checks signers: its anchors (and intermediates) and OCSP.
struct SignerTrust {
  security::TrustStore store;
  std::optional<security::OcspChecker> ocsp;  ///< none: `ocsp` is off
  security::OcspPolicy policy = security::OcspPolicy::kHardFail;
};

/// The chain against the anchors at `now` (the CA's chain_data as untrusted helpers), then the
/// status from OCSP. Never throws.
boost::asio::awaitable<Verdict> check_signer(const SignerCertificate& signer,
                                             const SignerTrust& trust, std::time_t now);

/// `{certId, serialNumber, subject, validFrom, validTo, caStatus, status, reason,
/// certificate, chain: [{subject, certificate}]}`, certificates base64 DER: what the response
/// mapping of get-certificate reads.
nlohmann::json certificate_json(const SignerCertificate& signer, const Verdict& verdict);

}  // namespace lienthong::connectors::kyso
