#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::security {

/// Every certificate in `bytes`: one or more PEM blocks, or a single DER certificate.
/// The error says why nothing usable was found.
Result<Certificates, std::string> parse_certificates(std::string_view bytes);

/// Every CRL in `bytes`: one or more PEM blocks, or a single DER CRL.
Result<Crls, std::string> parse_crls(std::string_view bytes);

/// parse_certificates() on a file; the error names the file.
Result<Certificates, config::ConfigError> load_certificates(const std::filesystem::path& file);

/// Every certificate of every file, in order; the first file that fails is the error.
Result<Certificates, config::ConfigError> load_certificates(
    const std::vector<std::filesystem::path>& files);

/// Another owner of each of `certs` (the same certificates, reference-counted).
Certificates shared_copies(const Certificates& certs);

/// parse_crls() on a file; the error names the file.
Result<Crls, config::ConfigError> load_crls(const std::filesystem::path& file);

/// Reads a whole (small) file; refuses files larger than `max_bytes`. Errors name the file.
Result<std::string, config::ConfigError> read_small_file(const std::filesystem::path& file,
                                                         std::size_t max_bytes = std::size_t{4}
                                                                                 << 20);

/// The subject as one RFC 2253 line (`CN=a,O=b,C=VN`).
std::string subject_of(const X509* cert);

/// The issuer, the same way.
std::string issuer_of(const X509* cert);

/// Lower-case hex SHA-256 of the certificate's DER encoding.
std::string sha256_fingerprint(const X509* cert);

/// Standard base64 (one line) of the certificate's DER encoding.
std::string der_base64(const X509* cert);

}  // namespace lienthong::security
