#pragma once

#include <string>
#include <vector>

namespace lienthong::config {

/// One located configuration problem, printed as `file:line: key.path: reason`.
struct ConfigError {
  std::string file;
  int line = 0;          ///< 1-based; 0 when unknown
  std::string key_path;  ///< dotted path inside the file (`operations.lookup-enterprise.path`)
  std::string reason;

  [[nodiscard]] std::string to_string() const;
  bool operator==(const ConfigError&) const = default;
};

using ConfigErrors = std::vector<ConfigError>;

}  // namespace lienthong::config
