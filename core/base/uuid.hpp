#pragma once

#include <string>

namespace lienthong {

/// A new UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits from OpenSSL, so ids
/// sort by creation time. Written by hand because Boost 1.81's uuid has no version 7.
std::string uuid_v7();

}  // namespace lienthong
