#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lienthong {

/// Standard base64 (RFC 4648, with padding, one line) of `bytes` (OpenSSL's encoder).
std::string base64_encode(std::string_view bytes);

/// Decodes standard base64, ignoring whitespace; nullopt when it is not base64.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace lienthong
