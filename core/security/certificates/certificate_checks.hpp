#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/security/openssl_ptr.hpp"

namespace lienthong::security {

/// Which of an identity's configured files a finding is about.
enum class IdentityPart { kCertificate, kKey, kPkcs12 };

/// One problem with a configured certificate, for `lienthong check-config`. The reason never
/// holds a password or key material.
struct CertificateFinding {
  IdentityPart part = IdentityPart::kCertificate;
  std::string reason;
};

/// A configured identity (TLS server or client, signing): PEM files or a PKCS#12 file.
struct IdentityFiles {
  std::filesystem::path certificate;  ///< PEM/DER, the certificate then its chain
  std::filesystem::path private_key;  ///< PEM, unencrypted
  std::filesystem::path pkcs12;       ///< instead of the two above
  std::string_view pkcs12_password;   ///< the resolved secret
};

struct CertificateCheckOptions {
  std::time_t now = 0;           ///< 0: the current time
  int expiry_warning_days = 30;  ///< "expires in N days" below this
  bool system_anchors = true;    ///< also accept chains to the system's trust anchors
};

/// The identity's files are readable, the key matches the certificate, the certificate is
/// within its validity and not expiring within the warning period, and it chains (through the
/// chain it carries) to one of `anchors`. Empty when all is well.
std::vector<CertificateFinding> check_identity(const IdentityFiles& files,
                                               const Certificates& anchors,
                                               const CertificateCheckOptions& options = {});

/// A file of trust anchors or intermediates: readable, holds certificates, none expired or
/// expiring within the warning period. Empty when all is well.
std::vector<std::string> check_certificate_file(const std::filesystem::path& file,
                                                const CertificateCheckOptions& options = {});

/// "certificate CN=x expired on 2021-01-01T00:00:00Z", "... is not valid before ...",
/// "... expires in 10 days (2026-12-11T18:00:00Z)"; nullopt when none applies.
std::optional<std::string> validity_problem(const X509* cert,
                                            const CertificateCheckOptions& options = {});

/// Why `leaf` does not chain to one of `anchors` through `untrusted` (validity times are
/// ignored here: validity_problem() reports them); nullopt when it does.
std::optional<std::string> chain_problem(X509* leaf, std::span<X509* const> untrusted,
                                         const Certificates& anchors,
                                         const CertificateCheckOptions& options = {});

}  // namespace lienthong::security
