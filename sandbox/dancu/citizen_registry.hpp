#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/config/json_document.hpp"
#include "sandbox/dancu/citizen.hpp"

namespace lienthong::sandbox::dancu {

/// The population registry's scenario data (`sandbox/data/citizens.json`): a JSON array of
/// records keyed like the `CongDan` answer element. Checked strictly at load: every ID passes
/// the personal-ID rules and agrees with the record's sex and birth year, dates are real, codes
/// are known, required keys present, unknown keys refused.
class CitizenRegistry {
 public:
  static Result<CitizenRegistry, config::ConfigErrors> load(const std::filesystem::path& file);
  static Result<CitizenRegistry, config::ConfigErrors> parse(std::string_view text,
                                                             std::string file_name);

  [[nodiscard]] const Citizen* find(std::string_view so_dinh_danh) const;
  [[nodiscard]] const std::vector<Citizen>& citizens() const { return citizens_; }

 private:
  static Result<CitizenRegistry, config::ConfigErrors> from_document(
      const config::JsonDocument& doc);

  std::vector<Citizen> citizens_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace lienthong::sandbox::dancu
