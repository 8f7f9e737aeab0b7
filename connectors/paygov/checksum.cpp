#include "connectors/paygov/checksum.hpp"

#include <algorithm>
#include <cctype>

#include "core/base/digest.hpp"

namespace lienthong::connectors::paygov {

std::string field_text(const nlohmann::json& message, std::string_view field) {
  const auto it = message.find(field);
  if (it == message.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  return it->dump();
}

std::string checksum(const nlohmann::json& message, std::span<const std::string_view> order,
                     std::string_view secret) {
  std::string joined;
  for (const auto field : order) {
    joined += field_text(message, field);
    joined += '|';
  }
  joined += secret;
  return sha256_hex(joined);
}

bool checksum_matches(const nlohmann::json& message, std::span<const std::string_view> order,
                      std::string_view secret) {
  std::string presented = field_text(message, "MaXacThuc");
  std::transform(presented.begin(), presented.end(), presented.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return equal_constant_time(presented, checksum(message, order, secret));
}

}  // namespace lienthong::connectors::paygov
