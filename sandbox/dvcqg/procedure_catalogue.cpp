#include "sandbox/dvcqg/procedure_catalogue.hpp"

#include <algorithm>
#include <array>

#include "core/config/object_reader.hpp"
#include "core/schema/vn_identifiers.hpp"

namespace lienthong::sandbox::dvcqg {
namespace {

constexpr std::array<std::string_view, 4> kLevels = {"Cấp Bộ", "Cấp Tỉnh", "Cấp Huyện", "Cấp Xã"};

std::string required_text(config::ObjectReader& r, std::string_view key) {
  std::string out;
  if (r.read(key, out, /*required=*/true) && out.empty()) r.error(key, "must not be empty");
  return out;
}

}  // namespace

Result<ProcedureCatalogue, config::ConfigErrors> ProcedureCatalogue::load(
    const std::filesystem::path& file) {
  auto doc = config::JsonDocument::load(file);
  if (!doc) return config::ConfigErrors{doc.error()};
  return from_document(*doc);
}

Result<ProcedureCatalogue, config::ConfigErrors> ProcedureCatalogue::parse(std::string_view text,
                                                                           std::string file_name) {
  auto doc = config::JsonDocument::parse(text, std::move(file_name));
  if (!doc) return config::ConfigErrors{doc.error()};
  return from_document(*doc);
}

Result<ProcedureCatalogue, config::ConfigErrors> ProcedureCatalogue::from_document(
    const config::JsonDocument& doc) {
  config::ConfigErrors errors;
  const auto& root = doc.root();
  if (!root.is_array() || root.empty()) {
    return config::ConfigErrors{doc.error_at("", "must be a non-empty list of procedures")};
  }
  ProcedureCatalogue catalogue;
  for (std::size_t i = 0; i < root.size(); ++i) {
    const std::string pointer = "/" + std::to_string(i);
    config::ObjectReader r(doc, pointer, errors);
    if (!r.ok()) continue;
    const auto code = required_text(r, "MaTTHC");
    if (auto why = schema::check_procedure_code(code); why && !code.empty()) {
      r.error("MaTTHC", *why);
    }
    required_text(r, "TenTTHC");
    required_text(r, "MaLinhVuc");
    required_text(r, "TenLinhVuc");
    const auto level = required_text(r, "CapThucHien");
    if (!level.empty() && std::find(kLevels.begin(), kLevels.end(), level) == kLevels.end()) {
      r.error("CapThucHien", "must be Cấp Bộ, Cấp Tỉnh, Cấp Huyện or Cấp Xã");
    }
    int days = 0;
    r.read("ThoiHanGiaiQuyet", days, /*required=*/true, 1, 365);
    int fee = 0;
    r.read("LePhi", fee, /*required=*/true, 0, 100'000'000);
    r.finish();
    if (!code.empty() && !catalogue.index_.emplace(code, catalogue.records_.size()).second) {
      errors.push_back(doc.error_at(pointer + "/MaTTHC", "procedure code is listed twice"));
    }
    catalogue.records_.push_back(root[i]);
  }
  if (!errors.empty()) return errors;
  return catalogue;
}

const nlohmann::json* ProcedureCatalogue::find(std::string_view code) const {
  const auto it = index_.find(code);
  return it == index_.end() ? nullptr : &records_[it->second];
}

}  // namespace lienthong::sandbox::dvcqg
