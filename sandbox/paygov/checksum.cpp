#include "sandbox/paygov/checksum.hpp"

#include "core/base/digest.hpp"

namespace lienthong::sandbox::paygov {

std::string checksum_text(const nlohmann::json& message, std::string_view field) {
  if (!message.is_object()) return {};
  const auto it = message.find(field);
  if (it == message.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return {};
}

std::string checksum(const nlohmann::json& message, std::span<const std::string_view> order,
                     std::string_view secret) {
  std::string joined;
  for (const auto field : order) {
    joined += checksum_text(message, field);
    joined += '|';
  }
  joined += secret;
  return sha256_hex(joined);
}

bool checksum_matches(std::string_view given, std::string_view expected) {
  // The length of a SHA-256 hex string is no secret; only the bytes are compared in constant time.
  return !expected.empty() && equal_constant_time(given, expected);
}

}  // namespace lienthong::sandbox::paygov
