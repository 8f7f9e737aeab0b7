#include "app/dev_keys.hpp"

#include <sys/stat.h>

#include <fstream>

#include "core/base/random_token.hpp"

namespace lienthong::app {

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
    key = random_token();
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
