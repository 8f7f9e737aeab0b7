#pragma once

#include <string>
#include <string_view>

namespace lienthong {

/// Lowercase hex of `bytes`.
std::string hex_lower(std::string_view bytes);

/// Lowercase hex SHA-256 of `bytes` (OpenSSL).
std::string sha256_hex(std::string_view bytes);

/// True when `a` and `b` are equal, in time that depends only on their lengths (CRYPTO_memcmp):
/// for comparing a presented secret or checksum with the expected one.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace lienthong
