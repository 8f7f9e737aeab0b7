#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::sandbox::paygov {

/// One transaction of DOI_SOAT's `DanhSachGiaoDich`.
struct DayEntry {
  std::string reference;       ///< MaThamChieu
  std::string transaction_id;  ///< MaGiaoDich ("" until paid)
  std::int64_t amount = 0;     ///< SoTien
  std::string time;            ///< ThoiGianGD: the payment time once paid, else the INIT's
  std::string state;           ///< TrangThaiGD
  bool operator==(const DayEntry&) const = default;
};

/// Fields a tester replaces in one reference's entry.
struct EntryOverride {
  std::optional<std::int64_t> amount;
  std::optional<std::string> state;
  std::optional<std::string> transaction_id;
  std::optional<std::string> time;
};

/// Mismatches a tester plants in one day's list (`POST /_sandbox/reconciliation/{yyyyMMdd}`):
/// entries the platform "has" that the hub does not, references it "lost", and changed fields.
struct ReconciliationPlant {
  std::vector<DayEntry> add;
  std::vector<std::string> drop;
  std::map<std::string, EntryOverride> overrides;
};

/// Parses `{"add":[entry…], "drop":["ref"…], "override":{"ref":{"SoTien"?, "TrangThaiGD"?,
/// "MaGiaoDich"?, "ThoiGianGD"?}}}` (every key optional, nothing else). Each error names a
/// JSON Pointer.
Result<ReconciliationPlant, std::vector<FieldError>> parse_plant(std::string_view body);

/// The day's list as DOI_SOAT answers it: `drop` removed, `override` applied, `add` appended.
std::vector<DayEntry> apply_plant(std::vector<DayEntry> list, const ReconciliationPlant& plant);

nlohmann::json to_json(const DayEntry& entry);
nlohmann::json to_json(const ReconciliationPlant& plant);

}  // namespace lienthong::sandbox::paygov
