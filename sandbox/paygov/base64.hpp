#pragma once

#include <string>
#include <string_view>

namespace lienthong::sandbox::paygov {

/// Standard base64 (RFC 4648, with padding, one line) of `bytes` (OpenSSL's encoder).
std::string base64_encode(std::string_view bytes);

}  // namespace lienthong::sandbox::paygov
