#include "app/dev_keys.hpp"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <array>
#include <fstream>

namespace lienthong::app {

std::string random_key() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");
  }
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (unsigned char b : bytes) {
    bits = (bits << 8) | b;
    count += 8;
    while (count >= 6) {
      out += kAlphabet[(bits >> (count - 6)) & 0x3F];
      count -= 6;
    }
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 0x3F];
  return out;
}

Result<std::vector<DevKey>, std::string> ensure_dev_keys(const config::HubConfig& config) {
  std::vector<DevKey> keys;
  for (const auto& c : config.clients) {
    if (c.api_key_file.empty() || !c.create_key_if_missing) continue;
    std::string key;
    if (std::ifstream in(c.api_key_file); in && std::getline(in, key) && !key.empty()) {
      keys.push_back({c.name, key, c.api_key_file.string()});
      continue;
    }
    std::error_code ec;
    std::filesystem::create_directories(c.api_key_file.parent_path(), ec);
    key = random_key();
    {
      std::ofstream out(c.api_key_file, std::ios::trunc);
      if (!(out << key << '\n')) {
        return "cannot write the API key file " + c.api_key_file.string();
      }
    }
    ::chmod(c.api_key_file.c_str(), S_IRUSR | S_IWUSR);
    keys.push_back({c.name, key, c.api_key_file.string()});
  }
  return keys;
}

}  // namespace lienthong::app
