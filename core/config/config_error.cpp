#include "core/config/config_error.hpp"

namespace lienthong::config {

std::string ConfigError::to_string() const {
  std::string out = file;
  out += ':';
  out += std::to_string(line);
  out += ": ";
  out += key_path.empty() ? std::string("(file)") : key_path;
  out += ": ";
  out += reason;
  return out;
}

}  // namespace lienthong::config
