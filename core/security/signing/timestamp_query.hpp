#pragma once

#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::security::signing {

/// One RFC 3161 TimeStampReq, ready to POST (media type application/timestamp-query), with what
/// accept_timestamp_reply() needs to check the answer.
struct TimestampQuery {
  std::string der;  ///< DER TimeStampReq: the request body, and what the reply is checked against
  std::string imprint;  ///< raw SHA-256 message imprint (32 bytes)
  std::string nonce;    ///< the nonce, big-endian bytes as chosen
};

/// Builds a TimeStampReq: version 1, a SHA-256 messageImprint of `imprint_sha256` (exactly 32
/// raw bytes), `nonce` (1 to 32 big-endian bytes chosen by the caller, e.g. 8 random ones; empty:
/// 8 bytes from RAND_bytes), certReq true (the token then carries the TSA certificate), no policy
/// (the TSA's default) and no extensions. Pure apart from the random nonce. The error says what
/// is wrong with the arguments ("imprint must be 32 bytes of SHA-256, got 20", "nonce longer
/// than 32 bytes") or "cannot build the timestamp query" when OpenSSL fails.
Result<TimestampQuery, std::string> make_timestamp_query(std::string_view imprint_sha256,
                                                         std::string_view nonce = {});

}  // namespace lienthong::security::signing
