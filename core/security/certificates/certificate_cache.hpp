#pragma once

#include <string_view>

#include "core/security/openssl_ptr.hpp"

namespace lienthong::security::detail {

/// The certificate encoded by exactly `der` (one DER certificate), or null. Parsed certificates
/// are remembered by their bytes, process-wide and bounded: a far side sends the same few
/// certificates in every message's KeyInfo, and OpenSSL 3 spends most of a verification
/// decoding their public keys. The same bytes always give the same certificate, so a cached
/// one is exactly what parsing would give; certificates are shared read-only. Thread-safe.
X509Ptr certificate_from_der(std::string_view der);

}  // namespace lienthong::security::detail
