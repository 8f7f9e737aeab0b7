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

namespace lienthong::sandbox::dvcqg {

/// The portal's procedure catalogue (`sandbox/data/procedures.json`): a JSON array of records
/// `{MaTTHC, TenTTHC, MaLinhVuc, TenLinhVuc, CapThucHien, ThoiHanGiaiQuyet, LePhi}` exactly as
/// `LayDanhSachTTHC` serves them. Checked strictly at load (procedure code format, unique codes,
/// known levels, no unknown keys), errors as `file:line: key.path: reason`.
class ProcedureCatalogue {
 public:
  static Result<ProcedureCatalogue, config::ConfigErrors> load(const std::filesystem::path& file);
  static Result<ProcedureCatalogue, config::ConfigErrors> parse(std::string_view text,
                                                                std::string file_name);

  /// The record of `code`, or nullptr.
  [[nodiscard]] const nlohmann::json* find(std::string_view code) const;
  /// Every record, in file order.
  [[nodiscard]] const std::vector<nlohmann::json>& records() const { return records_; }

 private:
  static Result<ProcedureCatalogue, config::ConfigErrors> from_document(
      const config::JsonDocument& doc);

  std::vector<nlohmann::json> records_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace lienthong::sandbox::dvcqg
