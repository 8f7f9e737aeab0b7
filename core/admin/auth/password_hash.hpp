#pragma once

#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::admin::auth {

// Operators' passwords at rest: PBKDF2-HMAC-SHA256 (OpenSSL), written as
// `pbkdf2-sha256$<iterations>$<salt, base64>$<32-byte key, base64>` — the shape of
// passlib's and Django's PBKDF2 hashes, so an operator recognises it and the hub never holds
// a password, only what `lienthong admin passwd` wrote.

/// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; a sign-in costs one such derivation.
inline constexpr int kDefaultIterations = 600'000;
/// The fewest a stored hash may have; fewer is refused as too weak, not verified.
inline constexpr int kMinIterations = 100'000;

/// A new hash of `password` with a fresh 16-byte random salt.
Result<std::string> hash_password(std::string_view password, int iterations = kDefaultIterations);

/// Whether `password` is the one `stored` was made from (the comparison takes the same time
/// wherever the keys differ). A malformed or too-weak `stored` is an error, never a match.
Result<bool> verify_password(std::string_view password, std::string_view stored);

/// Checks the shape of a stored hash (for the config loader): the reason when it is not one.
Result<void> check_password_hash(std::string_view stored);

namespace detail {
/// PBKDF2-HMAC-SHA256 of `password` and `salt`: `length` bytes.
std::string pbkdf2_sha256(std::string_view password, std::string_view salt, int iterations,
                          std::size_t length);
}  // namespace detail

}  // namespace lienthong::admin::auth
