#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

namespace lienthong::sandbox::paygov {

/// A field as the checksum writes it: a string as is, an integer in decimal without sign or
/// separators, an absent field (or null) as the empty string. Anything else (a fraction, an
/// object) has no checksum form and is written as the empty string: the message checks refuse
/// such values before the checksum matters.
std::string checksum_text(const nlohmann::json& message, std::string_view field);

/// `MaXacThuc` of `message`: SHA-256 of the fields in `order` joined by '|', `secret` last.
/// A plain hash, not an HMAC (WIRE.md).
std::string checksum(const nlohmann::json& message, std::span<const std::string_view> order,
                     std::string_view secret);

/// True when `given` is exactly the lowercase hex `expected`, compared in constant time.
bool checksum_matches(std::string_view given, std::string_view expected);

}  // namespace lienthong::sandbox::paygov
