#include "sandbox/paygov/checksum.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <memory>

namespace lienthong::sandbox::paygov {

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) {
    return {};  // only when OpenSSL cannot allocate; an empty checksum never matches
  }
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0f]);
  }
  return out;
}

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
  return !expected.empty() && given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

}  // namespace lienthong::sandbox::paygov
