#pragma once

#include <openssl/evp.h>

#include <optional>
#include <string>
#include <string_view>

namespace lienthong::sandbox::kyso {

/// The 32 bytes of a SHA-256 given as 64 hex digits (either case); nullopt when it is not.
std::optional<std::string> digest_from_hex(std::string_view hex);

/// The RSA PKCS#1 v1.5 signature of a SHA-256 `digest` (32 raw bytes) by `key`, as
/// `EVP_PKEY_sign` makes it with RSA_PKCS1_PADDING and signature md SHA-256 (the DigestInfo is
/// added): it verifies with `EVP_DigestVerify(sha256)` over the data whose hash this is, and
/// with `openssl pkeyutl -verify -pkeyopt digest:sha256`. nullopt when OpenSSL fails (a digest
/// of another length, a key that is not RSA).
std::optional<std::string> sign_sha256_digest(EVP_PKEY* key, std::string_view digest);

}  // namespace lienthong::sandbox::kyso
