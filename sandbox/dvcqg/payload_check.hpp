#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lienthong::sandbox::dvcqg {

/// `yyyyMMddHHmmss` naming a real instant (Vietnam wall-clock time), else nullopt. The text is
/// returned as is: for valid values text order is time order.
std::optional<std::string> parse_portal_time(const nlohmann::json& value);

/// Whether a procedure code is in the catalogue.
using ProcedureKnown = std::function<bool(std::string_view code)>;

/// Every rule a `DongBoHoSoMC` dossier (`data[]` item) breaks, each as `<where>.<field>: reason`
/// with `where` = "data[i]". Never quotes a value: dossiers carry personal data.
/// Rules: sandbox/README.md, dvcqg. Unknown fields are refused.
std::vector<std::string> check_dossier(const nlohmann::json& dossier, const std::string& where,
                                       const ProcedureKnown& known);

/// The same for a `CapNhatTienDoHoSoMC` progress entry.
std::vector<std::string> check_progress(const nlohmann::json& entry, const std::string& where);

}  // namespace lienthong::sandbox::dvcqg
