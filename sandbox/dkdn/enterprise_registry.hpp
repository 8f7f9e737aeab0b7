#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/config/json_document.hpp"

namespace lienthong::sandbox::dkdn {

/// The business registry's scenario data (`sandbox/data/enterprises.json`): a JSON array of
/// records in exactly the wire shape of one `GetEntCert` item. Checked strictly at load (tax
/// codes, dates, status codes, required keys, no unknown keys), so a broken data file fails
/// start-up with `file:line: key.path: reason` instead of confusing a tester later.
class EnterpriseRegistry {
 public:
  static Result<EnterpriseRegistry, config::ConfigErrors> load(const std::filesystem::path& file);
  static Result<EnterpriseRegistry, config::ConfigErrors> parse(std::string_view text,
                                                                std::string file_name);

  /// The record of `code` (a branch code `0100109106-001` has its own record), or nullptr.
  [[nodiscard]] const nlohmann::json* find(std::string_view code) const;
  /// Every record, in file order.
  [[nodiscard]] const std::vector<nlohmann::json>& records() const { return records_; }

 private:
  static Result<EnterpriseRegistry, config::ConfigErrors> from_document(
      const config::JsonDocument& doc);

  std::vector<nlohmann::json> records_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace lienthong::sandbox::dkdn
